package io.chatterbox.files;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketTestBase;
import io.chatterbox.support.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The per-user limits on files: the quota, parallel uploads against it, and the upload rate. */
@QuarkusTest
@TestProfile(FileLimitsTest.SmallLimits.class)
class FileLimitsTest extends SocketTestBase {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chatterbox.files.max-file-size", "60K", "chatterbox.files.quota-per-user", "100K",
                    "chatterbox.files.uploads-per-minute", "6");
        }
    }

    @Inject
    BlobStore blobs;

    @Test
    void aFileOverTheQuotaIsRefusedLeavingNothingAndDeletingAMessageMakesRoom() {
        ChatUser alice = ChatUser.register("alice");
        String first = Uploads.uploadId(alice.token(), "general", "a.bin", Uploads.uniqueBytes(50_000));
        Uploads.uploadId(alice.token(), "general", "b.bin", Uploads.uniqueBytes(45_000));
        byte[] third = Uploads.uniqueBytes(10_000);

        Uploads.upload(alice.token(), "general", "c.bin", third).statusCode(413)
                .body("message", startsWith("The file does not fit in what is left of your"));
        assertThat(Uploads.kept(blobs, Uploads.sha256(third))).isFalse();
        assertThat(Uploads.temporaryFiles(blobs)).isEmpty();

        long message = Uploads.send(sockets.v2Ready(base, alice), "general", "", List.of(first)).get("id").asLong();
        Rooms.delete(alice.token(), "general", message).statusCode(204);

        Uploads.upload(alice.token(), "general", "c.bin", third).statusCode(201);
        given().header("Authorization", "Bearer " + alice.token()).get("/api/files/limits").then()
                .body("used", equalTo(55_000)).body("quota", equalTo(102_400)).body("maxFileSize", equalTo(61_440));
    }

    @Test
    void uploadsInParallelCannotTogetherOvershootTheQuota() {
        ChatUser bob = ChatUser.register("bob");

        List<Integer> statuses = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> Uploads.upload(bob.token(), "general", i + ".bin",
                        Uploads.uniqueBytes(40_000)).extract().statusCode()))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(2);
        assertThat(statuses).filteredOn(status -> status == 413).hasSize(2);
        given().header("Authorization", "Bearer " + bob.token()).get("/api/files/limits").then().body("used", equalTo(80_000));
    }

    @Test
    void uploadingTooOftenIsRefusedWithRetryAfter() {
        ChatUser carol = ChatUser.register("carol");
        for (int i = 0; i < 6; i++) {
            Uploads.upload(carol.token(), "general", i + ".txt", Uploads.uniqueBytes(100)).statusCode(201);
        }

        Uploads.upload(carol.token(), "general", "7.txt", Uploads.uniqueBytes(100)).statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("message", startsWith("You are uploading too many files"));
    }
}
