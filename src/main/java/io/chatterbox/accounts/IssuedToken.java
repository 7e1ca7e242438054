package io.chatterbox.accounts;

/** A signed access token and how many seconds it is valid. */
public record IssuedToken(String token, long lifetimeSeconds) {
}
