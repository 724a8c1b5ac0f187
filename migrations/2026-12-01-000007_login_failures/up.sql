-- Failed logins per account and per client IP in the current one-minute
-- window, where every instance sees them. A login counts when it starts and
-- is taken back when it succeeds, so only failures remain.
CREATE TABLE login_failures (
    key          text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures     integer NOT NULL CHECK (failures >= 0)
);
CREATE INDEX login_failures_window_idx ON login_failures (window_start);
