package io.chatterbox.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.files.BlobStore;
import io.restassured.response.ValidatableResponse;

/** Uploads and downloads over HTTP, and what they leave in the blob store. */
public final class Uploads {

    private Uploads() {
    }

    public static ValidatableResponse upload(String token, String room, String name, byte[] bytes) {
        return given().header("Authorization", "Bearer " + token)
                .multiPart("file", name, bytes, "application/octet-stream")
                .post("/api/rooms/{room}/files", room).then();
    }

    /** Uploads, expecting 201; returns the answer's id. */
    public static String uploadId(String token, String room, String name, byte[] bytes) {
        return upload(token, room, name, bytes).statusCode(201).extract().path("id");
    }

    public static ValidatableResponse download(String token, String id) {
        return given().header("Authorization", "Bearer " + token).get("/api/files/{id}", id).then();
    }

    /** Signed links for the files, as {@code POST /api/files/links} answers them. */
    public static ValidatableResponse links(String token, List<String> ids) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("ids", ids)).post("/api/files/links").then();
    }

    /** Sends a message carrying the uploads and waits for its echo. */
    public static JsonNode send(SocketClient sender, String room, String caption, List<String> ids) {
        String clientId = UUID.randomUUID().toString();
        sender.sendJson(Map.of("type", "message", "room", room, "text", caption, "clientId", clientId, "attachments", ids));
        return Chat.await(sender, frame -> Chat.isType(frame, "message") && clientId.equals(frame.path("clientId").asText())
                || Chat.isType(frame, "error") && clientId.equals(frame.path("clientId").asText()));
    }

    /** Whether the store keeps bytes with this SHA-256 (a download's ETag, unquoted). */
    public static boolean kept(BlobStore blobs, String sha256) {
        try {
            return blobs.open(sha256).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Temporary files of uploads in progress or cut off, wherever the store keeps them. */
    public static List<Path> temporaryFiles(BlobStore blobs) {
        try {
            Path probe = blobs.newTemporaryFile();
            Files.delete(probe);
            try (Stream<Path> files = Files.list(probe.getParent())) {
                return files.toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes no other test uploads, so a new blob is never a dedupe of another test's. */
    public static byte[] uniqueBytes(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random().nextBytes(bytes);
        byte[] prefix = ("unique " + UUID.randomUUID() + "\n").getBytes();
        System.arraycopy(prefix, 0, bytes, 0, Math.min(prefix.length, size));
        return bytes;
    }
}
