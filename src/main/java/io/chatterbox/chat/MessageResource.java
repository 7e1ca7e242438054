package io.chatterbox.chat;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.chatterbox.realtime.event.HistoryEvent;
import io.chatterbox.realtime.event.MessageEvent;
import io.chatterbox.realtime.event.RoomEvents;
import io.chatterbox.web.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/** A room's messages over HTTP: pages of history, edits, deletions and the read marker. */
@Path("/api/rooms/{room}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
public class MessageResource {

    public record Page(String room, List<MessageEvent> messages, boolean hasMore) {
    }

    public record NewText(String text) {
    }

    public record ReadUpTo(Long id) {
    }

    private final RoomHistory history;
    private final MessageChanges changes;
    private final ReadMarkers readMarkers;
    private final JsonWebToken token;

    MessageResource(RoomHistory history, MessageChanges changes, ReadMarkers readMarkers, JsonWebToken token) {
        this.history = history;
        this.changes = changes;
        this.readMarkers = readMarkers;
        this.token = token;
    }

    @GET
    @Path("messages")
    @Operation(summary = "A page of the room's messages, oldest first: the latest, or before or after a message id")
    public Page messages(@PathParam("room") String room, @QueryParam("before") String before,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        HistoryEvent page = history.page(token.getName(), room, number(before, "before"), number(after, "after"),
                limit == null ? null : Math.toIntExact(Math.min(Integer.MAX_VALUE, number(limit, "limit"))));
        return new Page(room, page.messages(), page.hasMore());
    }

    @PATCH
    @Path("messages/{id}")
    @Operation(summary = "Edit your message")
    public CompletionStage<MessageEvent> edit(@PathParam("room") String room, @PathParam("id") String id, NewText text) {
        ApiException.requireBody(text, "text");
        return changes.edit(token.getName(), room, number(id, "id"), text.text());
    }

    @DELETE
    @Path("messages/{id}")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @Operation(summary = "Delete your message; a tombstone keeps its place")
    public CompletionStage<Void> delete(@PathParam("room") String room, @PathParam("id") String id) {
        return changes.delete(token.getName(), room, number(id, "id"));
    }

    @POST
    @Path("read")
    @Operation(summary = "Mark the room read up to a message id (never moves backwards)")
    public CompletionStage<RoomEvents.Read> read(@PathParam("room") String room, ReadUpTo upTo) {
        ApiException.requireBody(upTo, "the id of the last message read");
        if (upTo.id() == null) {
            throw ApiException.badRequest("The id of the last message read is required");
        }
        return readMarkers.markRead(token.getName(), room, upTo.id());
    }

    /** A whole number ≥ 0 from the request, or null when absent. */
    static Long number(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ChatException(name.equals("limit") ? "invalid_limit" : "invalid_id", name + " must be a whole number ≥ 0");
    }
}
