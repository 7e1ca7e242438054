package io.chatterbox.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a declared oversized body with a JSON 413 before it is read. Vert.x enforces the same limit
 * (quarkus.http.limits.max-body-size) on bodies without a length, but answers those without a body. Uploads bring
 * their own limits ({@link UploadRoute}).
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final String TOO_LARGE = new JsonObject().put("message", "The request body is too large").encode();

    void register(@Observes Filters filters, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long maxBytes = limit.asLongValue();
        filters.register(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared, maxBytes) && !UploadRoute.isUpload(context.request())) {
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close").end(TOO_LARGE);
                return;
            }
            context.next();
        }, 100);
    }

    private static boolean exceeds(String declared, long maxBytes) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
