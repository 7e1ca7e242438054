package io.chatterbox.files;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.chatterbox.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;

/** Files in conversations over HTTP and the socket, on the embedded store: who may read them, limits, and their end. */
@QuarkusTest
class FilesTest extends SocketTestBase {

    @Inject
    BlobStore blobs;

    @Test
    void aMemberDownloadsWhatWasUploadedAndTheRoomHearsTheAttachment() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, "files", bob);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        byte[] report = Uploads.uniqueBytes(40_000);

        String id = Uploads.upload(alice.token(), room, "../../etc/Quarterly report.pdf", report).statusCode(201)
                .body("name", equalTo("Quarterly report.pdf")).body("size", equalTo(40_000))
                .body("type", equalTo("application/octet-stream")).body("url", containsString("/api/files/"))
                .body("$", not(hasKey("width"))).extract().path("id");
        JsonNode sent = Uploads.send(sockets.v2Ready(base, alice), room, "the numbers", List.of(id));

        JsonNode heard = Chat.await(bobSocket, Chat.messageWithText("the numbers"));
        assertThat(heard.get("id").asLong()).isEqualTo(sent.get("id").asLong());
        assertThat(heard.at("/attachments/0/id").asText()).isEqualTo(id);
        assertThat(heard.at("/attachments/0/name").asText()).isEqualTo("Quarterly report.pdf");
        byte[] downloaded = Uploads.download(bob.token(), id).statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"Quarterly report.pdf\"; filename*=UTF-8''Quarterly%20report.pdf"))
                .header("Content-Type", "application/octet-stream").header("X-Content-Type-Options", "nosniff")
                .header("ETag", not(equalTo(null))).extract().asByteArray();
        assertThat(downloaded).isEqualTo(report);
        Rooms.messages(bob.token(), room).statusCode(200).body("messages[0].attachments[0].id", equalTo(id));
    }

    @Test
    void aNonMemberGets404AndARemovedMemberLosesAccessEvenWithASavedLink() throws Exception {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        ChatUser eve = ChatUser.register("eve");
        String secret = Rooms.privateRoomWith(alice, "secret", bob);
        String id = Uploads.uploadId(alice.token(), secret, "plan.pdf", Uploads.uniqueBytes(5_000));
        Uploads.send(sockets.v2Ready(base, alice), secret, "", List.of(id));
        String bobsLink = Uploads.links(bob.token(), List.of(id)).statusCode(200).extract().path("links." + id + ".url");
        assertThat(get(bobsLink).statusCode()).isEqualTo(200);

        String missing = Uploads.download(eve.token(), "AAAAAAAAAAAAAAAAAAAAAA").statusCode(404).extract().path("message");
        Uploads.download(eve.token(), id).statusCode(404).body("message", equalTo(missing));
        Uploads.links(eve.token(), List.of(id)).statusCode(200).body("links", equalTo(Map.of()));
        Rooms.remove(alice.token(), secret, bob.name()).statusCode(204);

        assertThat(get(bobsLink).statusCode()).isEqualTo(404);
        Uploads.download(bob.token(), id).statusCode(404);
        given().get("/api/files/{id}", id).then().statusCode(401);
        assertThat(get(bobsLink.replaceAll("s=[^&]+", "s=forged")).statusCode()).isEqualTo(404);
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsReadAndLeavesNoBytes() throws Exception {
        ChatUser alice = ChatUser.register("alice");
        byte[] tooLarge = Uploads.uniqueBytes(6 * 1024 * 1024);

        Uploads.upload(alice.token(), "general", "big.bin", tooLarge).statusCode(413)
                .body("message", equalTo("Files may be at most 5 MB"));
        // A client that declares no length is cut off once it has sent more than the limit.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/rooms/general/files"))
                .header("Authorization", "Bearer " + alice.token())
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(multipart("XyZ", "big.bin", tooLarge))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(Chat.parse(chunked.body()).get("message").asText()).isEqualTo("Files may be at most 5 MB");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(Uploads.temporaryFiles(blobs)).isEmpty());
        assertThat(Uploads.kept(blobs, Uploads.sha256(tooLarge))).isFalse();
    }

    @Test
    void anUploadCutOffByTheClientLeavesNothingBehind() throws Exception {
        ChatUser alice = ChatUser.register("alice");
        byte[] half = Uploads.uniqueBytes(300_000);
        byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            var out = socket.getOutputStream();
            out.write(("POST /api/rooms/general/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(half);
            out.flush();
            org.awaitility.Awaitility.await().until(() -> !Uploads.temporaryFiles(blobs).isEmpty());
        }

        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(Uploads.temporaryFiles(blobs)).isEmpty());
        given().header("Authorization", "Bearer " + alice.token()).get("/api/files/limits").then().body("used", equalTo(0));
    }

    @Test
    void scriptInAnSvgOrHtmlUploadCanNeverRunInOurOrigin() {
        ChatUser alice = ChatUser.register("alice");
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        String id = Uploads.uploadId(alice.token(), "general", "cat.svg", svg);

        Uploads.download(alice.token(), id).statusCode(200)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", containsString("attachment;"))
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("X-Content-Type-Options", "nosniff");
        given().header("Authorization", "Bearer " + alice.token())
                .multiPart("file", "page.html", "<!DOCTYPE html><script>alert(1)</script>".getBytes(), "text/html")
                .post("/api/rooms/general/files").then().statusCode(201).body("type", equalTo("application/octet-stream"));
    }

    @Test
    void rangesServePartsOfAFileSoMediaCanSeek() {
        ChatUser alice = ChatUser.register("alice");
        byte[] bytes = Uploads.uniqueBytes(10_000);
        String id = Uploads.uploadId(alice.token(), "general", "song.bin", bytes);
        var as = given().header("Authorization", "Bearer " + alice.token());

        byte[] first = as.header("Range", "bytes=0-9").get("/api/files/{id}", id).then().statusCode(206)
                .header("Content-Range", "bytes 0-9/10000").header("Content-Length", "10").extract().asByteArray();
        byte[] last = given().header("Authorization", "Bearer " + alice.token()).header("Range", "bytes=-5")
                .get("/api/files/{id}", id).then().statusCode(206).header("Content-Range", "bytes 9995-9999/10000")
                .extract().asByteArray();
        given().header("Authorization", "Bearer " + alice.token()).header("Range", "bytes=10000-")
                .get("/api/files/{id}", id).then().statusCode(416).header("Content-Range", "bytes */10000");
        String etag = Uploads.download(alice.token(), id).statusCode(200).header("Accept-Ranges", "bytes")
                .header("Cache-Control", containsString("immutable")).extract().header("ETag");
        given().header("Authorization", "Bearer " + alice.token()).header("If-None-Match", etag)
                .get("/api/files/{id}", id).then().statusCode(304);

        assertThat(first).isEqualTo(java.util.Arrays.copyOfRange(bytes, 0, 10));
        assertThat(last).isEqualTo(java.util.Arrays.copyOfRange(bytes, 9995, 10000));
    }

    @Test
    void deletingTheMessageDeletesItsFilesAndGivesTheQuotaBack() {
        ChatUser alice = ChatUser.register("alice");
        byte[] bytes = Uploads.uniqueBytes(30_000);
        String id = Uploads.uploadId(alice.token(), "general", "notes.txt", bytes);
        long messageId = Uploads.send(sockets.v2Ready(base, alice), "general", "notes", List.of(id)).get("id").asLong();
        int used = given().header("Authorization", "Bearer " + alice.token()).get("/api/files/limits").then()
                .statusCode(200).extract().path("used");
        String sha256 = Uploads.download(alice.token(), id).extract().header("ETag").replace("\"", "");
        assertThat(Uploads.kept(blobs, sha256)).isTrue();

        Rooms.delete(alice.token(), "general", messageId).statusCode(204);

        assertThat(used).isEqualTo(30_000);
        given().header("Authorization", "Bearer " + alice.token()).get("/api/files/limits").then().body("used", equalTo(0));
        Uploads.download(alice.token(), id).statusCode(404);
        assertThat(Uploads.kept(blobs, sha256)).isFalse();
        Rooms.messages(alice.token(), "general", Map.of("before", messageId + 1, "limit", 1)).statusCode(200)
                .body("messages[0].deleted", equalTo(true)).body("messages[0]", not(hasKey("attachments")));
    }

    @Test
    void onlyTheUploaderMayAttachAnUploadOnceAndOnlyInItsRoom() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, "other", bob);
        String id = Uploads.uploadId(alice.token(), "general", "a.txt", Uploads.uniqueBytes(100));
        SocketClient aliceSocket = sockets.v2Ready(base, alice);

        assertThat(Uploads.send(sockets.v2Ready(base, bob), "general", "mine now", List.of(id)).get("code").asText())
                .isEqualTo("invalid_attachment");
        assertThat(Uploads.send(aliceSocket, room, "elsewhere", List.of(id)).get("code").asText()).isEqualTo("invalid_attachment");
        assertThat(Uploads.send(aliceSocket, "general", "first", List.of(id)).get("type").asText()).isEqualTo("message");
        assertThat(Uploads.send(aliceSocket, "general", "again", List.of(id)).get("code").asText()).isEqualTo("invalid_attachment");
        assertThat(Uploads.send(aliceSocket, "general", "", List.of()).get("code").asText()).isEqualTo("invalid_text");
    }

    @Test
    void v1ClientsReadTheCaptionAndALinePerFileAndSearchFindsFileNames() {
        ChatUser alice = ChatUser.register("alice");
        String word = Rooms.uniqueWord();
        String id = Uploads.uploadId(alice.token(), "general", word + "-minutes.pdf", Uploads.uniqueBytes(2048));
        SocketClient v1 = sockets.v1Ready(base, alice);

        Uploads.send(sockets.v2Ready(base, alice), "general", "from today", List.of(id));

        JsonNode seen = Chat.await(v1, Chat.messageWithText("from today\n[file: " + word + "-minutes.pdf, application/octet-stream, 2.0 KB]"));
        assertThat(seen.has("attachments")).isFalse();
        assertThat(Rooms.searchTexts(alice.token(), word)).containsExactly("from today");
    }

    private static HttpResponse<byte[]> get(String link) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + link)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] multipart(String boundary, String name, byte[] content) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return body;
    }
}
