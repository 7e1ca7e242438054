package io.chatterbox.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.chatterbox.chat.DirectRooms;
import io.chatterbox.wire.Frames;
import io.chatterbox.wire.WireMapper;
import io.quarkus.security.Authenticated;

/** Finds the direct conversation with someone; it is stored with its first message. */
@Path("/api/dms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class DirectMessageResource {

    public record With(String username) {
    }

    private final DirectRooms directRooms;
    private final JsonWebToken token;

    DirectMessageResource(DirectRooms directRooms, JsonWebToken token) {
        this.directRooms = directRooms;
        this.token = token;
    }

    @POST
    @Operation(summary = "The direct conversation with a user (send a message to its room id to start it)")
    public Frames.Room open(With with) {
        RequestBodies.require(with, "a username");
        return WireMapper.room(directRooms.open(Long.parseLong(token.getSubject()), token.getName(), with.username()));
    }
}
