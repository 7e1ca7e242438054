package io.chatterbox.account;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a successful login, named as in the original contract. */
public record AccessToken(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {
}
