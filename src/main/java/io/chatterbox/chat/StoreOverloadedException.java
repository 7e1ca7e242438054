package io.chatterbox.chat;

/** The writer's queue is full: the message was not accepted and the client should retry later. */
public class StoreOverloadedException extends RuntimeException {

    public StoreOverloadedException() {
        super("The message store is overloaded", null, false, false);
    }
}
