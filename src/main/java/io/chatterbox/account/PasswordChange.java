package io.chatterbox.account;

/** Body of POST /api/password. */
public record PasswordChange(String currentPassword, String newPassword) {
}
