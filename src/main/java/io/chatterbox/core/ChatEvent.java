package io.chatterbox.core;

/**
 * Something that happened in the chat, for clients to hear: a message stored, a room joined, someone online. Events
 * are plain data. They leave the core through {@link Fanout} (to a room's or a user's sessions) or
 * {@link ClientSession#send} (to one session); the socket adapter's wire mapper turns each into a frame of the
 * protocol the session speaks, once for all its recipients.
 */
public interface ChatEvent {

    /** The room the event is about, or null when it concerns no single room. */
    String room();
}
