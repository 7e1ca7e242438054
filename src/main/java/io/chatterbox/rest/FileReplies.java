package io.chatterbox.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.chatterbox.accounts.TokenVersions;
import io.chatterbox.core.ChatException;
import io.chatterbox.files.FileLinks;
import io.chatterbox.files.StoredFile;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What the file routes, which are plain Vert.x routes, share with the REST resources: who is asking, and JSON answers. */
final class FileReplies {

    private FileReplies() {
    }

    /** The verified token of the request (proactive authentication has run, revocation included), or null. */
    static JsonWebToken token(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token) {
                return token;
            }
        }
        return null;
    }

    static void unauthenticated(RoutingContext context) {
        context.response().putHeader("WWW-Authenticate", "Bearer");
        json(context.response(), 401, new JsonObject().put("message", AuthenticationFailureHandler.MESSAGE));
    }

    static void refused(HttpServerResponse response, ChatException refusal) {
        if (refusal.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", String.valueOf(refusal.retryAfterSeconds()));
        }
        json(response, ErrorStatus.of(refusal.code()), new JsonObject().put("message", refusal.getMessage()));
    }

    static void json(HttpServerResponse response, int status, JsonObject body) {
        if (!response.ended()) {
            response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
        }
    }

    /** A file as its uploader and readers get it: the descriptor, and signed links for the page's elements. */
    static JsonObject descriptor(StoredFile file, FileLinks links, JsonWebToken token) {
        long userId = Long.parseLong(token.getSubject());
        int version = TokenVersions.fromClaim(token.getClaim(TokenVersions.CLAIM));
        JsonObject body = new JsonObject().put("id", file.id()).put("name", file.name()).put("size", file.size())
                .put("type", file.type());
        if (file.width() != null) {
            body.put("width", file.width()).put("height", file.height()).put("thumbnail", file.thumbSha256() != null);
        }
        body.mergeIn(links(file, links, userId, version));
        return body;
    }

    static JsonObject links(StoredFile file, FileLinks links, long userId, int tokenVersion) {
        JsonObject urls = new JsonObject().put("url", "/api/files/" + file.id() + "?" + links.query(file.id(), false, userId,
                tokenVersion));
        if (file.thumbSha256() != null) {
            urls.put("thumbnailUrl", "/api/files/" + file.id() + "?" + links.query(file.id(), true, userId, tokenVersion));
        }
        return urls;
    }
}
