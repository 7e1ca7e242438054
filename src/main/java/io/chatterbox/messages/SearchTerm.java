package io.chatterbox.messages;

/** One word of a search: matched as a whole word, or also as the beginning of longer words. */
public record SearchTerm(String word, boolean prefix) {
}
