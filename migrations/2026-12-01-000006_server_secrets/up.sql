-- Secrets every instance serving this database must share (the JWT signing
-- key when none is configured), so a session from one works on all.
CREATE TABLE server_secrets (
    name       text PRIMARY KEY,
    value      text NOT NULL CHECK (length(value) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);
