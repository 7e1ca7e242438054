package io.chatterbox.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.ValidatableResponse;

/** Uploads and downloads over HTTP, and the files they leave in the test data directory. */
public final class Uploads {

    /** Where the embedded store keeps blobs in tests (chatterbox.data-dir is target/test-data). */
    public static final Path STORE = Path.of("target", "test-data", "files");

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

    /** Every blob kept, by hash (temporary files excluded). */
    public static List<String> blobs() {
        if (!Files.isDirectory(STORE)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(STORE)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getParent().getFileName().toString().equals("tmp"))
                    .map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Temporary files of uploads in progress or left behind. */
    public static List<Path> temporaryFiles() {
        Path tmp = STORE.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
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
