-- Every token carries the version current when it was issued; logout and password changes bump it,
-- which revokes all of the user's earlier tokens, across restarts.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
