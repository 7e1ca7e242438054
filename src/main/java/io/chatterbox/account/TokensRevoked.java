package io.chatterbox.account;

/** CDI event: every token of this user issued so far is no longer valid (logout, password change). */
public record TokensRevoked(String username) {
}
