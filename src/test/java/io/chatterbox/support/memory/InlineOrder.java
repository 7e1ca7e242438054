package io.chatterbox.support.memory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.chatterbox.core.ChatOrder;

/** A {@link ChatOrder} for single-threaded tests: everything runs at once, on the caller's thread. */
public final class InlineOrder implements ChatOrder {

    @Override
    public void runInOrder(Runnable action) {
        action.run();
    }

    @Override
    public <T> CompletionStage<T> call(Supplier<T> action) {
        try {
            return CompletableFuture.completedFuture(action.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
