package io.chatterbox.rest;

/** Body of /register and /login. */
public record Credentials(String username, String password) {
}
