package io.chatterbox.socket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatterbox.config.ChatterboxConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * Refuses cross-site WebSocket hijacking: a browser attaches its cookies and credentials to a socket opened from
 * any page, so an upgrade carrying an Origin is accepted only from the page's own origin or an origin listed in
 * {@code chatterbox.security.allowed-origins}; anything else gets 403. Upgrades without an Origin header come from
 * non-browser clients (CLI, tests), which the attack does not concern, and pass.
 * <p>
 * Origins are compared exactly after normalisation (lower-case scheme and host, explicit default port); there are
 * no wildcards. The page's own origin comes from the request's authority (Host header) and TLS state, which
 * Quarkus rewrites from X-Forwarded-* / Forwarded headers when proxy forwarding is enabled.
 */
@ApplicationScoped
@Startup // a malformed allowed-origins entry fails the start, not the first upgrade
public class OriginCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(OriginCheck.class);
    private static final int FORBIDDEN = 403;

    private final Set<String> allowed;

    OriginCheck(ChatterboxConfig config) {
        this.allowed = config.security().allowedOrigins().orElse(List.of()).stream()
                .map(entry -> normalise(entry).orElseThrow(() -> new IllegalArgumentException(
                        "chatterbox.security.allowed-origins: \"" + entry + "\" is not an origin like https://chat.example.com")))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        List<String> origins = request.headers().getAll("Origin");
        if (origins.isEmpty()) {
            return CheckResult.permitUpgrade();
        }
        // Several Origin headers are never sent by a browser; refuse rather than guess which one counts.
        Optional<String> origin = origins.size() == 1 ? normalise(origins.get(0)) : Optional.empty();
        if (origin.isPresent() && (allowed.contains(origin.get()) || origin.equals(pageOrigin(request)))) {
            return CheckResult.permitUpgrade();
        }
        LOG.debugf("Refused a WebSocket upgrade from Origin %s (not the page's own origin nor allowed)", origins);
        return CheckResult.rejectUpgrade(FORBIDDEN);
    }

    /** The origin the browser would report for a page served by this request, or empty without a valid Host. */
    private static Optional<String> pageOrigin(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null) {
            return Optional.empty();
        }
        return pageOrigin(request.isSSL(), authority.host() + (authority.port() >= 0 ? ":" + authority.port() : ""));
    }

    static Optional<String> pageOrigin(boolean tls, String authority) {
        return normalise((tls ? "https" : "http") + "://" + authority);
    }

    /**
     * "scheme://host:port" in lower case with the default port made explicit, or empty when the value is not a
     * plain http(s) origin: "null", no host, or any userinfo, path (even "/"), query or fragment.
     */
    static Optional<String> normalise(String origin) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        // A host that is not host[:port] (e.g. "localhost:8080.evil.com") leaves getHost() null.
        if (defaultPort < 0 || uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    }
}
