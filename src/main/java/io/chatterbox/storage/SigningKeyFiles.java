package io.chatterbox.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import io.chatterbox.accounts.SigningKeyPair;
import io.chatterbox.accounts.SigningKeyStore;

/**
 * The embedded {@link SigningKeyStore}: the key pair as two PEM files in the data directory, readable by the owner
 * only. Generated on first start and reused afterwards, so tokens survive restarts.
 */
public record SigningKeyFiles(Path privateKey, Path publicKey) implements SigningKeyStore {

    public static SigningKeyFiles in(Path dataDir) {
        return new SigningKeyFiles(dataDir.resolve("jwt-private.pem"), dataDir.resolve("jwt-public.pem"));
    }

    @Override
    public Optional<SigningKeyPair> load() {
        if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SigningKeyPair(Files.readString(privateKey, StandardCharsets.US_ASCII),
                    Files.readString(publicKey, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token signing key in " + privateKey.getParent(), e);
        }
    }

    /** Written to temporary files first, then moved into place: a crash never leaves half a key pair. */
    @Override
    public SigningKeyPair storeIfAbsent(SigningKeyPair generated) {
        try {
            Path tmpPrivate = writeOwnerOnly(privateKey.resolveSibling(privateKey.getFileName() + ".tmp"), generated.privateKeyPem());
            Path tmpPublic = writeOwnerOnly(publicKey.resolveSibling(publicKey.getFileName() + ".tmp"), generated.publicKeyPem());
            Files.move(tmpPublic, publicKey, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPrivate, privateKey, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the token signing key to " + privateKey.getParent(), e);
        }
    }

    private static Path writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            // another process is generating at the same moment; overwrite below
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }
}
