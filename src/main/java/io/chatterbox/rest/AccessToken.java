package io.chatterbox.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.chatterbox.accounts.IssuedToken;

/** The answer to a successful login, named as in the original contract. */
public record AccessToken(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    static AccessToken of(IssuedToken issued) {
        return new AccessToken(issued.token(), "bearer", issued.lifetimeSeconds());
    }
}
