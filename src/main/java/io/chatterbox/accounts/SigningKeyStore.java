package io.chatterbox.accounts;

import java.util.Optional;

/**
 * Where the token-signing key pair is kept, so that every node (and every restart) signs and verifies with the
 * same one. It is read before the application starts: the first node to need a pair generates and stores it.
 */
public interface SigningKeyStore {

    Optional<SigningKeyPair> load();

    /** Stores {@code generated} unless a pair is there already (another node won the race); returns the pair kept. */
    SigningKeyPair storeIfAbsent(SigningKeyPair generated);

    /** The stored pair, generated and stored first if there is none. */
    default SigningKeyPair loadOrCreate() {
        return load().orElseGet(() -> storeIfAbsent(SigningKeyPair.generate()));
    }
}
