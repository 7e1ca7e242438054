package io.chatterbox.accounts;

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

    public TokenIssuer(ChatterboxConfig config) {
        this.config = config;
    }

    public IssuedToken issue(Account account) {
        Instant now = Instant.now();
        long lifetime = config.auth().tokenLifetime().toSeconds();
        String token = Jwt.issuer(config.auth().issuer())
                .subject(String.valueOf(account.id()))
                .upn(account.username())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(lifetime))
                .claim("jti", UUID.randomUUID().toString())
                .claim(TokenVersions.CLAIM, account.tokenVersion())
                .jws().algorithm(SignatureAlgorithm.RS256)
                .sign();
        return new IssuedToken(token, lifetime);
    }
}
