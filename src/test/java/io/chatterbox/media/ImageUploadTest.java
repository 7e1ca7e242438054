package io.chatterbox.media;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.files.BlobStore;
import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.SocketTestBase;
import io.chatterbox.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;

/** Images through the whole server: what is kept of a photo, thumbnails, and bombs refused before decoding. */
@QuarkusTest
class ImageUploadTest extends SocketTestBase {

    @Inject
    BlobStore blobs;

    @Test
    void aPhotoIsKeptUprightWithoutItsExifOrGpsAndGetsAThumbnail() throws IOException {
        ChatUser alice = ChatUser.register("alice");
        byte[] photo = TestImages.withExif(TestImages.encode(TestImages.picture(800, 600), "jpg"), TestImages.exif(6));

        var uploaded = Uploads.upload(alice.token(), "general", "IMG_0001.JPG", photo).statusCode(201)
                .body("type", equalTo("image/jpeg")).body("width", equalTo(600)).body("height", equalTo(800))
                .body("thumbnail", equalTo(true)).body("thumbnailUrl", startsWith("/api/files/")).extract();
        String id = uploaded.path("id");
        byte[] kept = Uploads.download(alice.token(), id).statusCode(200).header("Content-Type", "image/jpeg")
                .header("Content-Disposition", startsWith("inline;")).extract().asByteArray();
        byte[] thumbnail = given().header("Authorization", "Bearer " + alice.token()).get("/api/files/{id}?v=thumb", id)
                .then().statusCode(200).header("Content-Type", "image/jpeg").extract().asByteArray();

        String text = new String(kept, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif\0\0").doesNotContain(TestImages.CAMERA_MAKE).doesNotContain("SECRET-GARDEN");
        var image = ImageIO.read(new ByteArrayInputStream(kept));
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(image.getHeight()).isEqualTo(800);
        var small = ImageIO.read(new ByteArrayInputStream(thumbnail));
        assertThat(Math.max(small.getWidth(), small.getHeight())).isEqualTo(320);
        assertThat(uploaded.<Integer>path("size")).isEqualTo(kept.length);
    }

    @Test
    void theRoomHearsTheImageWithItsSizeSoThePageCanReserveIt() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        var bobSocket = sockets.v2Ready(base, bob);
        String id = Uploads.uploadId(alice.token(), "general", "tiny.png", TestImages.encode(TestImages.picture(40, 30), "png"));

        Uploads.send(sockets.v2Ready(base, alice), "general", "", List.of(id));

        JsonNode heard = Chat.await(bobSocket, frame -> Chat.isType(frame, "message") && frame.has("attachments")
                && frame.at("/attachments/0/id").asText().equals(id));
        assertThat(heard.get("text").asText()).isEmpty();
        assertThat(heard.at("/attachments/0/width").asInt()).isEqualTo(40);
        assertThat(heard.at("/attachments/0/height").asInt()).isEqualTo(30);
        assertThat(heard.at("/attachments/0/thumbnail").isMissingNode()).as("small enough to be its own thumbnail").isTrue();
    }

    @Test
    void aPixelBombIsRefusedFromItsHeaderAndLeavesNothing() {
        ChatUser alice = ChatUser.register("alice");
        byte[] bomb = TestImages.pngDeclaring(50_000, 50_000);

        Uploads.upload(alice.token(), "general", "bomb.png", bomb).statusCode(422)
                .body("message", org.hamcrest.Matchers.containsString("pixels"));
        Uploads.upload(alice.token(), "general", "fake.png", "\u0089PNG\r\n\u001A\nnot really".getBytes(StandardCharsets.ISO_8859_1))
                .statusCode(422);

        assertThat(Uploads.kept(blobs, Uploads.sha256(bomb))).isFalse();
        assertThat(Uploads.temporaryFiles(blobs)).isEmpty();
        given().header("Authorization", "Bearer " + alice.token()).get("/api/files/limits").then().body("used", equalTo(0));
    }
}
