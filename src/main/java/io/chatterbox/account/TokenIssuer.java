package io.chatterbox.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Mints RS256 access tokens: issuer, subject (user id), upn (username), issued-at, expiry, a unique id and the
 * user's token version (see {@link TokenVersions}).
 */
@ApplicationScoped
public class TokenIssuer {

    private final ChatterboxConfig config;

    TokenIssuer(ChatterboxConfig config) {
        this.config = config;
    }

    public AccessToken issue(User user) {
        Instant now = Instant.now();
        long lifetime = config.auth().tokenLifetime().toSeconds();
        String token = Jwt.issuer(config.auth().issuer())
                .subject(String.valueOf(user.id))
                .upn(user.username)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime))
                .claim("jti", UUID.randomUUID().toString())
                .claim(TokenVersions.CLAIM, user.tokenVersion)
                .jws().algorithm(SignatureAlgorithm.RS256)
                .sign();
        return new AccessToken(token, "bearer", lifetime);
    }
}
