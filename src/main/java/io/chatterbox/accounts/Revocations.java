package io.chatterbox.accounts;

import java.util.function.Consumer;

/**
 * Notices of revoked tokens, heard on every node: each keeps its cache of token versions current and closes the
 * user's sockets it holds.
 */
public interface Revocations {

    void publish(TokensRevoked revoked);

    /** Calls the listener for every notice published from now on, by any node. */
    void subscribe(Consumer<TokensRevoked> listener);

    /**
     * Calls the listener whenever notices may have been missed (a node lost its channel to the others for a while):
     * whatever was cached from notices must be read again from the store. Never, on one node.
     */
    default void onNoticesMissed(Runnable listener) {
    }
}
