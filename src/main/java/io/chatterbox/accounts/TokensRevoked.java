package io.chatterbox.accounts;

/** Every token of this user issued before {@code tokenVersion} is no longer valid (logout, password change). */
public record TokensRevoked(long userId, String username, int tokenVersion) {
}
