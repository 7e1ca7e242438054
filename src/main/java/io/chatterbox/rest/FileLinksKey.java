package io.chatterbox.rest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.files.FileLinks;
import io.smallrye.jwt.util.ResourceUtils;

/**
 * The key of signed file links, derived from the token-signing private key: every node of a cluster already shares
 * that key (and an embedded node keeps it in its data directory), so links signed on one node verify on all, and
 * nothing new needs keeping. A new signing key ends every link, as it ends every token.
 */
@ApplicationScoped
class FileLinksKey {

    @Produces
    @ApplicationScoped
    FileLinks links(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String location, ChatterboxConfig config)
            throws java.io.IOException {
        String privateKey = ResourceUtils.readResource(location);
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalStateException("The token signing key at smallrye.jwt.sign.key.location cannot be read");
        }
        return new FileLinks(FileLinks.deriveKey(privateKey.getBytes(StandardCharsets.UTF_8)),
                config.files().linkLifetime().toSeconds(), Clock.systemUTC());
    }
}
