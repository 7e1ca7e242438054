package io.chatterbox.rest;

/** Body of POST /api/password. */
public record PasswordChange(String currentPassword, String newPassword) {
}
