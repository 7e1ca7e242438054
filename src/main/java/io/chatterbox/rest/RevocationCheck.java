package io.chatterbox.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.chatterbox.accounts.TokenVersions;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a correctly signed token that logout or a password change has revoked: its version claim must equal
 * the user's current token version. Runs for every authenticated request and WebSocket upgrade.
 */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    private final TokenVersions versions;

    RevocationCheck(TokenVersions versions) {
        this.versions = versions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        long userId;
        int tokenVersion;
        try {
            userId = Long.parseLong(token.getSubject());
            tokenVersion = TokenVersions.fromClaim(token.getClaim(TokenVersions.CLAIM));
        } catch (RuntimeException malformed) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token without a valid subject or version"));
        }
        Integer current = versions.cached(userId);
        if (current != null) {
            return check(identity, tokenVersion, current);
        }
        return context.runBlocking(() -> {
            int loaded = versions.load(userId);
            if (loaded != tokenVersion) {
                throw new AuthenticationFailedException("token revoked");
            }
            return identity;
        });
    }

    private static Uni<SecurityIdentity> check(SecurityIdentity identity, int tokenVersion, int current) {
        return tokenVersion == current
                ? Uni.createFrom().item(identity)
                : Uni.createFrom().failure(new AuthenticationFailedException("token revoked"));
    }
}
