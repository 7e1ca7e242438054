package io.chatterbox.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.chatterbox.core.ErrorCode;
import io.chatterbox.core.WholeNumbers;
import io.chatterbox.messages.MessageSearch;
import io.chatterbox.wire.Frames;
import io.chatterbox.wire.WireMapper;
import io.quarkus.security.Authenticated;

@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SearchResource {

    public record Results(List<Frames.Message> results) {
    }

    private final MessageSearch search;
    private final JsonWebToken token;

    SearchResource(MessageSearch search, JsonWebToken token) {
        this.search = search;
        this.token = token;
    }

    @GET
    @Operation(summary = "Full-text search over the messages of your rooms, best match first")
    public Results search(@QueryParam("q") String query, @QueryParam("room") String room, @QueryParam("limit") String limit) {
        Integer size = WholeNumbers.toInt(WholeNumbers.parse(limit, "limit", ErrorCode.INVALID_LIMIT));
        return new Results(WireMapper.messages(search.search(token.getName(), query, room, size)));
    }
}
