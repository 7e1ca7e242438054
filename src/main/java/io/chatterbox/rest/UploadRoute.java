package io.chatterbox.rest;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.files.FileLinks;
import io.chatterbox.files.FileService;
import io.chatterbox.files.StoredFile;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/rooms/{room}/files}: a multipart upload with the file in a part named {@code file}, streamed to a
 * temporary file as it arrives. A plain Vert.x route, ordered before Quarkus's body-size limit (64K for everything
 * else, see {@link BodySizeLimit}), because a JAX-RS multipart method only runs once the whole body has landed on disk.
 * Here the upload is admitted before a byte of it is read (the request stays paused meanwhile), counted as it streams,
 * and refused the moment it passes its limit: the answer goes out, the connection closes, the temporary file goes.
 */
@ApplicationScoped
public class UploadRoute {

    private static final Logger LOG = Logger.getLogger(UploadRoute.class);
    private static final Pattern PATH = Pattern.compile("/api/rooms/[^/]+/files");
    static final String FIELD = "file";

    private final FileService files;
    private final FileLinks links;
    private final Vertx vertx;

    UploadRoute(FileService files, FileLinks links, Vertx vertx) {
        this.files = files;
        this.links = links;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.post("/api/rooms/:room/files").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::upload);
    }

    /** Whether a request is an upload, which brings its own limits; every other body keeps the global one. */
    static boolean isUpload(HttpServerRequest request) {
        return request.method().name().equals("POST") && PATH.matcher(request.path()).matches();
    }

    private void upload(RoutingContext context) {
        JsonWebToken token = FileReplies.token(context);
        if (token == null) {
            FileReplies.unauthenticated(context);
            return;
        }
        HttpServerRequest request = context.request();
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            refuse(context, new ChatException(ErrorCode.INVALID_BODY,
                    "Send the file as multipart/form-data, in a part named \"" + FIELD + "\""));
            return;
        }
        String room = context.pathParam("room");
        long declared = declaredLength(request);
        vertx.executeBlocking(() -> files.begin(token.getName(), room, declared), false).onComplete(admitted -> {
            if (admitted.failed()) {
                refuse(context, admitted.cause());
            } else {
                new Transfer(context, admitted.result(), token).start();
            }
        });
    }

    private static long declaredLength(HttpServerRequest request) {
        try {
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Answers a refusal and closes the connection, so the rest of a body nobody will read is not waited for (HTTP/2:
     * the stream is reset instead).
     */
    private static void refuse(RoutingContext context, Throwable failure) {
        ChatException refusal = failure instanceof ChatException chat ? chat : null;
        if (refusal == null) {
            LOG.error("An upload failed", failure);
            refusal = new ChatException(ErrorCode.INTERNAL_ERROR, "Something went wrong on the server");
        }
        var response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        HttpServerRequest request = context.request();
        boolean bodyLeft = !request.isEnded();
        if (bodyLeft && request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        FileReplies.refused(response, refusal);
        if (bodyLeft) {
            if (request.version() == HttpVersion.HTTP_2) {
                response.reset();
            } else {
                request.connection().close();
            }
        }
    }

    /** One admitted upload, from the first byte to the answer. */
    private final class Transfer {

        private final RoutingContext context;
        private final FileService.Upload upload;
        private final JsonWebToken token;
        private final AtomicBoolean over = new AtomicBoolean();
        private final Promise<String> written = Promise.promise();
        private AsyncFile file;
        private long bytes;
        private boolean seenFile;
        /** Set once the whole body has arrived: a connection closing after that no longer cancels the upload. */
        private volatile boolean received;

        Transfer(RoutingContext context, FileService.Upload upload, JsonWebToken token) {
            this.context = context;
            this.upload = upload;
            this.token = token;
        }

        void start() {
            HttpServerRequest request = context.request();
            request.exceptionHandler(this::fail);
            request.connection().closeHandler(closed -> {
                if (!received) {
                    fail(new ChatException(ErrorCode.INVALID_BODY, "The upload was cut off"));
                }
            });
            request.setExpectMultipart(true);
            request.uploadHandler(this::part);
            request.endHandler(end -> finish());
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                context.response().writeContinue();
            }
            request.resume();
        }

        private void part(HttpServerFileUpload part) {
            if (over.get()) {
                return;
            }
            if (seenFile || !FIELD.equals(part.name())) {
                fail(new ChatException(ErrorCode.INVALID_BODY, "Send exactly one file, in a part named \"" + FIELD + "\""));
                return;
            }
            seenFile = true;
            part.pause();
            part.exceptionHandler(this::fail);
            vertx.fileSystem().open(upload.file().toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
                    .onFailure(this::fail).onSuccess(opened -> {
                        file = opened;
                        if (over.get()) {
                            file.close();
                            return;
                        }
                        part.handler(buffer -> write(part, buffer));
                        part.endHandler(end -> file.close().onComplete(closed -> {
                            if (closed.succeeded()) {
                                written.tryComplete(part.filename());
                            } else {
                                fail(closed.cause());
                            }
                        }));
                        part.resume();
                    });
        }

        private void write(HttpServerFileUpload part, Buffer buffer) {
            if (over.get()) {
                return;
            }
            bytes += buffer.length();
            if (bytes > upload.maxBytes()) {
                fail(files.tooLarge(upload));
                return;
            }
            file.write(buffer);
            if (file.writeQueueFull()) {
                part.pause();
                file.drainHandler(drained -> part.resume());
            }
        }

        private void finish() {
            if (over.get()) {
                return;
            }
            if (!seenFile) {
                fail(new ChatException(ErrorCode.INVALID_BODY, "The request has no part named \"" + FIELD + "\""));
                return;
            }
            received = true;
            written.future()
                    .compose(name -> vertx.executeBlocking(() -> files.complete(upload, name), false))
                    .onComplete(kept -> {
                        if (!over.compareAndSet(false, true)) {
                            return;
                        }
                        if (kept.failed()) {
                            refuse(context, kept.cause());
                        } else {
                            created(kept.result());
                        }
                    });
        }

        private void created(StoredFile stored) {
            JsonObject body = FileReplies.descriptor(stored, links, token);
            context.response().putHeader(HttpHeaders.LOCATION, "/api/files/" + stored.id());
            FileReplies.json(context.response(), 201, body);
        }

        /** Ends the upload once: nothing kept, the reservation given back, and the refusal answered if anyone listens. */
        private void fail(Throwable failure) {
            if (!over.compareAndSet(false, true)) {
                return;
            }
            if (file != null) {
                file.close().onComplete(closed -> upload.close());
            } else {
                upload.close();
            }
            refuse(context, failure);
        }
    }
}
