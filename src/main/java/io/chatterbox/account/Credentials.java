package io.chatterbox.account;

/** Body of /register and /login. */
public record Credentials(String username, String password) {
}
