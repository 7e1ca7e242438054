package io.chatterbox.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.chatterbox.accounts.Revocations;
import io.chatterbox.accounts.TokensRevoked;

/** Revocation notices on every node: told here at once, then to every other node over the cluster's channel. */
final class ClusterRevocations implements Revocations {

    private final List<Consumer<TokensRevoked>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> missedListeners = new CopyOnWriteArrayList<>();
    private final ClusterChannel channel;

    ClusterRevocations(ClusterChannel channel) {
        this.channel = channel;
    }

    @Override
    public void publish(TokensRevoked revoked) {
        heard(revoked);
        channel.publish(Envelope.Kind.REVOKED, null, null, revoked);
    }

    @Override
    public void subscribe(Consumer<TokensRevoked> listener) {
        listeners.add(listener);
    }

    @Override
    public void onNoticesMissed(Runnable listener) {
        missedListeners.add(listener);
    }

    /** The channel was lost for a while: notices may have passed unheard. */
    void noticesMissed() {
        missedListeners.forEach(Runnable::run);
    }

    void heard(TokensRevoked revoked) {
        listeners.forEach(listener -> listener.accept(revoked));
    }
}
