package io.chatterbox.accounts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The embedded notices: one node, so publishing calls every listener at once, on the caller's thread. */
@ApplicationScoped
@Typed(InProcessRevocations.class)
public class InProcessRevocations implements Revocations {

    private final List<Consumer<TokensRevoked>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(TokensRevoked revoked) {
        listeners.forEach(listener -> listener.accept(revoked));
    }

    @Override
    public void subscribe(Consumer<TokensRevoked> listener) {
        listeners.add(listener);
    }
}
