package io.chatterbox.core;

/** A command of this session was refused; the session stays open. */
public record Refused(ChatException error) implements ChatEvent {

    @Override
    public String room() {
        return null;
    }
}
