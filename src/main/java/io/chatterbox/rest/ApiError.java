package io.chatterbox.rest;

/** The body of every 4xx/5xx answer: one human-readable sentence. */
public record ApiError(String message) {
}
