package io.chatterbox.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The RS256 key pair that signs access tokens, kept as PEM files in the data directory. Generated once on first
 * start and reused afterwards, so tokens survive restarts; the files are readable by the owner only.
 */
public record SigningKeyFiles(Path privateKey, Path publicKey) {

    private static final int KEY_BITS = 2048;

    public static SigningKeyFiles ensureIn(Path dataDir) {
        SigningKeyFiles files = new SigningKeyFiles(dataDir.resolve("jwt-private.pem"), dataDir.resolve("jwt-public.pem"));
        if (!Files.exists(files.privateKey()) || !Files.exists(files.publicKey())) {
            files.generate();
        }
        return files;
    }

    private void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            // Write both to temporary files first, then move into place: a crash never leaves half a key pair.
            Path tmpPrivate = writeOwnerOnly(privateKey.resolveSibling(privateKey.getFileName() + ".tmp"),
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path tmpPublic = writeOwnerOnly(publicKey.resolveSibling(publicKey.getFileName() + ".tmp"),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.move(tmpPublic, publicKey, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPrivate, privateKey, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the token signing key", e);
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

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
