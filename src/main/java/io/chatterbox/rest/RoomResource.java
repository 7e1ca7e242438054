package io.chatterbox.rest;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.chatterbox.chat.RoomService;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.WholeNumbers;
import io.chatterbox.wire.Frames;
import io.chatterbox.wire.WireMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/** Rooms over HTTP: a thin adapter over the {@link RoomService}; who calls comes from the token. */
@Path("/api/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
public class RoomResource {

    public record Rooms(List<Frames.Room> rooms) {
    }

    public record Directory(List<RoomService.Listing> rooms) {
    }

    public record Members(List<RoomService.Member> members, boolean hasMore) {
    }

    public record NewRoom(String name, String topic, @JsonProperty("private") Boolean isPrivate) {
    }

    public record NewMember(String username) {
    }

    private final RoomService rooms;
    private final JsonWebToken token;

    RoomResource(RoomService rooms, JsonWebToken token) {
        this.rooms = rooms;
        this.token = token;
    }

    @GET
    @Operation(summary = "Your rooms and direct conversations, with unread counts")
    public Rooms mine() {
        return new Rooms(rooms.roomsOf(token.getName()).stream().map(WireMapper::room).toList());
    }

    @GET
    @Path("directory")
    @Operation(summary = "Every public room, and whether you are in it")
    public Directory directory() {
        return new Directory(rooms.publicRooms(token.getName()));
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Create a public or private room; you become its owner")
    public CompletionStage<Frames.Room> create(NewRoom room) {
        RequestBodies.require(room, "a name");
        return rooms.create(token.getName(), room.name(), room.topic(), Boolean.TRUE.equals(room.isPrivate()))
                .thenApply(WireMapper::room);
    }

    @POST
    @Path("{room}/join")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Join a public room")
    public CompletionStage<Frames.Room> join(@PathParam("room") String room) {
        return rooms.join(token.getName(), room).thenApply(WireMapper::room);
    }

    @POST
    @Path("{room}/leave")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @Operation(summary = "Leave a room")
    public CompletionStage<Void> leave(@PathParam("room") String room) {
        return rooms.leave(token.getName(), room);
    }

    @GET
    @Path("{room}/members")
    @Operation(summary = "The room's members by name, and who of them is online; a page after a name")
    public Members members(@PathParam("room") String room, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        RoomService.MemberPage page = rooms.members(token.getName(), room, after,
                WholeNumbers.toInt(WholeNumbers.parse(limit, "limit", ErrorCode.INVALID_LIMIT)));
        return new Members(page.members(), page.hasMore());
    }

    @POST
    @Path("{room}/members")
    @Operation(summary = "Add someone to your room (owners only)")
    public CompletionStage<RestResponse<RoomService.Member>> addMember(@PathParam("room") String room, NewMember member) {
        RequestBodies.require(member, "a username");
        return rooms.addMember(token.getName(), room, member.username())
                .thenApply(added -> RestResponse.status(added.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                        added.member()));
    }

    @DELETE
    @Path("{room}/members/{username}")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @Operation(summary = "Remove someone from your room (owners only)")
    public CompletionStage<Void> removeMember(@PathParam("room") String room, @PathParam("username") String username) {
        return rooms.removeMember(token.getName(), room, username);
    }
}
