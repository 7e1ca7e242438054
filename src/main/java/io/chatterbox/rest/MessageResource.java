package io.chatterbox.rest;

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

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.WholeNumbers;
import io.chatterbox.messages.MessageChanges;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.messages.ReadMarkers;
import io.chatterbox.messages.RoomHistory;
import io.chatterbox.wire.Frames;
import io.chatterbox.wire.WireMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/** A room's messages over HTTP: pages of history, edits, deletions and the read marker. */
@Path("/api/rooms/{room}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
public class MessageResource {

    public record Page(String room, List<Frames.Message> messages, boolean hasMore) {
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
        MessageEvents.PageLoaded page = history.page(token.getName(), room,
                WholeNumbers.parse(before, "before", ErrorCode.INVALID_ID), WholeNumbers.parse(after, "after", ErrorCode.INVALID_ID),
                WholeNumbers.toInt(WholeNumbers.parse(limit, "limit", ErrorCode.INVALID_LIMIT)));
        return new Page(room, WireMapper.messages(page.messages()), page.hasMore());
    }

    @PATCH
    @Path("messages/{id}")
    @Operation(summary = "Edit your message")
    public CompletionStage<Frames.Message> edit(@PathParam("room") String room, @PathParam("id") String id, NewText text) {
        RequestBodies.require(text, "text");
        return changes.edit(token.getName(), room, messageId(id), text.text())
                .thenApply(edited -> WireMapper.message("edit", edited.message()));
    }

    @DELETE
    @Path("messages/{id}")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @Operation(summary = "Delete your message; a tombstone keeps its place")
    public CompletionStage<Void> delete(@PathParam("room") String room, @PathParam("id") String id) {
        return changes.delete(token.getName(), room, messageId(id));
    }

    @POST
    @Path("read")
    @Operation(summary = "Mark the room read up to a message id (never moves backwards)")
    public CompletionStage<Frames.Read> read(@PathParam("room") String room, ReadUpTo upTo) {
        RequestBodies.require(upTo, "the id of the last message read");
        if (upTo.id() == null) {
            throw new ChatException(ErrorCode.INVALID_ID, "The id of the last message read is required");
        }
        return readMarkers.markRead(token.getName(), room, upTo.id()).thenApply(WireMapper::read);
    }

    private static long messageId(String id) {
        return WholeNumbers.parse(id, "id", ErrorCode.INVALID_ID);
    }
}
