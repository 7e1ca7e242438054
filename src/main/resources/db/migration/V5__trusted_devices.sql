-- Devices each account has signed in from (OWASP device cookies), by a SHA-256 hash of the cookie: failed logins from
-- a trusted device are counted apart, so nobody can lock an owner out of their own devices by failing elsewhere.
CREATE TABLE trusted_devices (
    device_hash  TEXT    NOT NULL PRIMARY KEY,
    username_key TEXT    NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX trusted_devices_account ON trusted_devices (username_key, expires_at);
