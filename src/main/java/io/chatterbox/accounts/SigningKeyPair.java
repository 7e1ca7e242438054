package io.chatterbox.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** The RS256 key pair that signs and verifies access tokens, as PEM text. */
public record SigningKeyPair(String privateKeyPem, String publicKeyPem) {

    private static final int KEY_BITS = 2048;

    public static SigningKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            return new SigningKeyPair(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the token signing key", e);
        }
    }

    /** Never the key material itself, so a pair that reaches a log line leaks nothing. */
    @Override
    public String toString() {
        return "SigningKeyPair[RS256]";
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
