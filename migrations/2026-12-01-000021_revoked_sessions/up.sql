-- Sessions ended by logging out before their token expired. A row is only
-- needed until the token would have expired anyway, then it can go.
CREATE TABLE revoked_sessions (
    sid        uuid PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_sessions_expires_at_idx ON revoked_sessions (expires_at);
