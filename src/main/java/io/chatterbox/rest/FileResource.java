package io.chatterbox.rest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.chatterbox.accounts.TokenVersions;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.files.FileLinks;
import io.chatterbox.files.FileService;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

/**
 * Files over REST, besides the upload and download routes ({@link UploadRoute}, {@link DownloadRoute}): the limits the
 * page checks before it sends a byte, signed links for the attachments it shows, and deleting an upload never sent.
 */
@Path("/api/files")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Blocking
public class FileResource {

    /** Most files one links request may name: a page's worth of attachments. */
    static final int MAX_LINKS = 200;

    public record LinksRequest(List<String> ids) {
    }

    public record Links(Map<String, Map<String, Object>> links) {
    }

    private final FileService files;
    private final FileLinks links;
    private final JsonWebToken token;

    FileResource(FileService files, FileLinks links, JsonWebToken token) {
        this.files = files;
        this.links = links;
        this.token = token;
    }

    @GET
    @Path("/limits")
    @Operation(summary = "The size limit per file, files per message, the quota and how much of it is used")
    public FileService.Limits limits() {
        return files.limits(token.getName());
    }

    @POST
    @Path("/links")
    @Operation(summary = "Signed links (for img, audio and video elements) to those of the files the caller may read")
    public Links links(LinksRequest request) {
        if (request == null || request.ids() == null || request.ids().size() > MAX_LINKS
                || request.ids().stream().anyMatch(id -> id == null || id.length() > 64)) {
            throw new ChatException(ErrorCode.INVALID_BODY, "Send {\"ids\": [...]} with at most " + MAX_LINKS + " file ids");
        }
        long userId = Long.parseLong(token.getSubject());
        int version = TokenVersions.fromClaim(token.getClaim(TokenVersions.CLAIM));
        return new Links(files.readableAmong(token.getName(), request.ids().stream().distinct().toList()).stream()
                .collect(Collectors.toMap(file -> file.id(), file -> FileReplies.links(file, links, userId, version).getMap())));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete an upload of the caller's that no message carries")
    public void delete(@PathParam("id") String id) {
        files.deleteUpload(token.getName(), id);
    }
}
