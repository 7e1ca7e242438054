package io.chatterbox.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.chatterbox.accounts.Account;
import io.chatterbox.accounts.AccountStore;
import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.files.BlobStore;
import io.chatterbox.files.FileLinks;
import io.chatterbox.files.FileNames;
import io.chatterbox.files.FileService;
import io.chatterbox.files.MediaTypes;
import io.chatterbox.files.StoredFile;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET|HEAD /api/files/{id}} (and {@code ?v=thumb}): a file's bytes, to the members of its room only, checked on
 * every request, whether the caller sends the bearer header or a signed link ({@link FileLinks}). Anyone else gets 404,
 * as for a file that does not exist. Single byte ranges are served (206, or 416 past the end) so audio and video can
 * seek; the bytes never change under an id, so they carry a strong ETag and may be cached privately for good. Only
 * re-encoded images and audio/video are inline; every other file, SVG and HTML included, is a sandboxed download.
 */
@ApplicationScoped
public class DownloadRoute {

    private static final Logger LOG = Logger.getLogger(DownloadRoute.class);
    private static final int CHUNK = 256 * 1024;

    private final FileService files;
    private final FileLinks links;
    private final AccountStore accounts;
    private final Vertx vertx;

    DownloadRoute(FileService files, FileLinks links, AccountStore accounts, Vertx vertx) {
        this.files = files;
        this.links = links;
        this.accounts = accounts;
        this.vertx = vertx;
    }

    /** Ids are 22 URL-safe characters, so /api/files/limits and /api/files/links stay with the REST resource. */
    void register(@Observes Router router) {
        String path = "/api/files/(?<id>[A-Za-z0-9_-]{22})";
        router.routeWithRegex(HttpMethod.GET, path).handler(this::download);
        router.routeWithRegex(HttpMethod.HEAD, path).handler(this::download);
    }

    private record Found(StoredFile file, String sha256, String type, BlobStore.Blob blob) {
    }

    private void download(RoutingContext context) {
        String id = context.pathParam("id");
        boolean thumbnail = "thumb".equals(context.request().getParam("v"));
        JsonWebToken token = FileReplies.token(context);
        String user = context.request().getParam("u");
        if (token == null && user == null) {
            FileReplies.unauthenticated(context);
            return;
        }
        vertx.executeBlocking(() -> find(context, id, thumbnail, token), false).onComplete(found -> {
            if (found.failed()) {
                if (found.cause() instanceof ChatException refusal) {
                    FileReplies.refused(context.response(), refusal);
                } else {
                    LOG.error("A download failed", found.cause());
                    FileReplies.refused(context.response(), new ChatException(ErrorCode.INTERNAL_ERROR,
                            "Something went wrong on the server"));
                }
            } else {
                send(context, found.result());
            }
        });
    }

    /** Who asks (token or signed link), whether they may read the file now, and its bytes. */
    private Found find(RoutingContext context, String id, boolean thumbnail, JsonWebToken token) {
        String username = token != null ? token.getName() : signedFor(context, id, thumbnail);
        StoredFile file = files.readable(username, id);
        String sha256 = thumbnail ? file.thumbSha256() : file.sha256();
        if (sha256 == null) {
            throw missing();
        }
        BlobStore.Blob blob = files.bytes(sha256).orElseThrow(DownloadRoute::missing);
        return new Found(file, sha256, thumbnail ? file.thumbType() : file.type(), blob);
    }

    private String signedFor(RoutingContext context, String id, boolean thumbnail) {
        var request = context.request();
        Optional<Account> account = digits(request.getParam("u"))
                .flatMap(userId -> accounts.findById(Long.parseLong(userId)));
        return account.flatMap(found -> links.verify(id, thumbnail, request.getParam("u"), request.getParam("e"),
                request.getParam("s"), userId -> found.tokenVersion()))
                .map(userId -> account.get().username())
                .orElseThrow(DownloadRoute::missing);
    }

    private static Optional<String> digits(String value) {
        return value != null && !value.isEmpty() && value.length() <= 18 && value.chars().allMatch(Character::isDigit)
                ? Optional.of(value) : Optional.empty();
    }

    private static ChatException missing() {
        return new ChatException(ErrorCode.UNKNOWN_FILE, "There is no such file");
    }

    private void send(RoutingContext context, Found found) {
        HttpServerResponse response = context.response();
        String etag = "\"" + found.sha256() + "\"";
        boolean inline = MediaTypes.isInline(found.type());
        response.putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable")
                .putHeader("Accept-Ranges", "bytes")
                .putHeader(HttpHeaders.CONTENT_TYPE, inline ? found.type() : MediaTypes.OCTET_STREAM)
                .putHeader("Content-Disposition", FileNames.contentDisposition(inline, found.file().name()))
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin");
        // Replaces the page's policy: whatever this is, it runs no script and loads nothing in our origin.
        response.headers().set("Content-Security-Policy", "sandbox; default-src 'none'");
        if (etag.equals(context.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        long size = found.blob().size();
        ByteRange range = ByteRange.parse(context.request().getHeader("Range"), size);
        String ifRange = context.request().getHeader("If-Range");
        if (range != null && ifRange != null && !ifRange.equals(etag)) {
            range = null;
        }
        if (range == ByteRange.UNSATISFIABLE) {
            response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            FileReplies.json(response, 416, new JsonObject().put("message",
                    "The range asked for starts after the end of the file (" + size + " bytes)"));
            return;
        }
        long offset = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        if (range != null) {
            response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE,
                    "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(length));
        if (context.request().method() == HttpMethod.HEAD) {
            response.end();
        } else if (found.blob().localFile().isPresent()) {
            response.sendFile(found.blob().localFile().get().toString(), offset, length);
        } else {
            stream(response, found.blob(), offset, length);
        }
    }

    /** A blob with no local file (PostgreSQL), a chunk at a time: read on a worker, written when the client keeps up. */
    private void stream(HttpServerResponse response, BlobStore.Blob blob, long offset, long length) {
        InputStream[] in = new InputStream[1];
        vertx.executeBlocking(() -> in[0] = blob.read(offset, length), false)
                .onFailure(failure -> response.reset())
                .onSuccess(opened -> nextChunk(response, opened, length));
    }

    private void nextChunk(HttpServerResponse response, InputStream in, long left) {
        if (left <= 0 || response.closed()) {
            closeQuietly(in);
            if (!response.closed()) {
                response.end();
            }
            return;
        }
        vertx.executeBlocking(() -> in.readNBytes((int) Math.min(CHUNK, left)), false).onComplete(read -> {
            if (read.failed() || read.result().length == 0) {
                closeQuietly(in);
                response.reset();
                return;
            }
            byte[] bytes = read.result();
            response.write(Buffer.buffer(bytes));
            if (response.writeQueueFull()) {
                response.drainHandler(drained -> nextChunk(response, in, left - bytes.length));
            } else {
                nextChunk(response, in, left - bytes.length);
            }
        });
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("Could not close a blob stream", e);
        }
    }
}
