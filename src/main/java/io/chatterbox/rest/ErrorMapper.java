package io.chatterbox.rest;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.chatterbox.core.ChatException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;

/** Every error leaves as {@code {"message": "..."}}; class names and stack traces stay in the server log. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    /** A refusal of the core: its code decides the status, and a refusal that passes with time sends Retry-After. */
    @ServerExceptionMapper
    public Response refused(ChatException e) {
        Response.ResponseBuilder response = Response.status(ErrorStatus.of(e.code())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(e.getMessage()));
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    /** A refusal raised in chat order reaches us wrapped. */
    @ServerExceptionMapper
    public Response completion(CompletionException e) {
        return e.getCause() instanceof ChatException refused ? refused(refused) : unexpected(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return json(400, "The request body is not valid JSON");
    }

    /** A protected endpoint called without a token. (A token that fails verification: {@link AuthenticationFailureHandler}.) */
    @ServerExceptionMapper(UnauthorizedException.class)
    public Response unauthenticated() {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(new ApiError(AuthenticationFailureHandler.MESSAGE)).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, "You are not allowed to do that");
    }

    /** More specific than the JSON mapper above, so it also overrides Quarkus' own (body-less) mapping. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return json(400, "The request body does not have the expected fields and types");
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return json(status, "Internal server error");
        }
        if (status == 400) {
            return json(status, "The request could not be read; send a JSON body");
        }
        return json(status, e.getResponse().getStatusInfo().getReasonPhrase());
    }

    /**
     * The client went away (or stalled) while its request body was being read: nobody is left to answer, so this is no
     * server error and no stack trace — under load it would otherwise flood the log.
     */
    @ServerExceptionMapper({ IOException.class, HttpClosedException.class })
    public Response clientGone(Exception e) {
        LOG.debugf("A client left before its request was read: %s", e.getMessage());
        return json(400, "The request was cut off before it was complete");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error while handling a request", e);
        return json(500, "Internal server error");
    }

    private static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build();
    }
}
