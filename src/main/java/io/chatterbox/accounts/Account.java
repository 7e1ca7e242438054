package io.chatterbox.accounts;

/**
 * A registered account. {@code username} is shown as typed; {@code usernameKey} is its folded form, unique.
 * Tokens carry the {@code tokenVersion} they were issued at; raising it revokes them all.
 */
public record Account(long id, String username, String usernameKey, String passwordHash, int tokenVersion) {
}
