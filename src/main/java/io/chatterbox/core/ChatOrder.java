package io.chatterbox.core;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The one order in which this node's chat changes take effect: messages committed, rooms and members changed,
 * clients joining, and what other nodes of a cluster tell it. Work run in order sees everything queued before it
 * done, and nothing queued after it, so a joining client's history and its first live message can neither overlap
 * nor leave a gap.
 */
public interface ChatOrder {

    /** Runs the action after everything queued before it; for what the server must do, never refused. */
    void runInOrder(Runnable action);

    /**
     * Runs a client's command after everything queued before it; the stage completes with its result or its
     * exception, or at once with an {@code overloaded} refusal when too many commands wait already.
     */
    <T> CompletionStage<T> call(Supplier<T> action);
}
