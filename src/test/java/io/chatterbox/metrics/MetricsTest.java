package io.chatterbox.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatterbox.socket.FrameWriter;
import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Prometheus scrape at /q/metrics: reachable without a token, and the chat meters move by exactly the traffic
 * sent. Other tests share the server, so counters are compared with a scrape taken before, in a private room.
 */
@QuarkusTest
class MetricsTest extends SocketTestBase {

    private static final String STORED = "chatterbox_messages_stored_total";
    private static final String RECEIVED = "chatterbox_messages_received_total";
    private static final String DELIVERED = "chatterbox_messages_delivered_total";
    private static final String INVALID_TEXT = "chatterbox_messages_rejected_total{code=\"invalid_text\"}";
    private static final String COMMITS = "chatterbox_store_commit_seconds_count";
    private static final String BATCHES = "chatterbox_store_batch_size_count";

    @Inject
    FrameWriter writer;

    @Test
    void trafficMovesTheChatMetersByExactlyWhatHappened() {
        ChatUser alice = ChatUser.register("metrics");
        ChatUser bob = ChatUser.register("metrics");
        String room = Rooms.privateRoomWith(alice, "metered", bob); // nobody else hears it: the counts are exact
        SocketClient a = sockets.v2Ready(base, alice);
        SocketClient b = sockets.v2Ready(base, bob);
        String before = scrape();

        for (String clientId : new String[] { "m1", "m2" }) {
            a.sendJson(Chat.message(room, "counted " + clientId, clientId));
            a.nextMatching(frame -> clientId.equals(frame.path("clientId").asText()));
            b.nextMatching(frame -> clientId.equals(frame.path("clientId").asText()));
        }
        a.sendJson(Chat.message(room, " "));
        assertThat(a.next("error").get("code").asText()).isEqualTo("invalid_text");

        // Delivery is counted once the event loops' writes return, which may be just after the frames arrived.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, RECEIVED) - value(before, RECEIVED)).as("accepted into the queue").isEqualTo(2);
            assertThat(value(after, STORED) - value(before, STORED)).isEqualTo(2);
            assertThat(value(after, DELIVERED) - value(before, DELIVERED)).as("two messages to two sockets").isEqualTo(4);
            assertThat(value(after, INVALID_TEXT) - value(before, INVALID_TEXT)).isEqualTo(1);
            assertThat(value(after, COMMITS)).isGreaterThan(value(before, COMMITS));
            assertThat(value(after, BATCHES)).isGreaterThan(value(before, BATCHES));
            assertThat(value(after, "chatterbox_connections_open")).isGreaterThanOrEqualTo(2);
            assertThat(value(after, "chatterbox_users_online")).isGreaterThanOrEqualTo(2);
            assertThat(value(after, "chatterbox_store_queue_depth")).as("nothing left waiting for the writer").isZero();
            assertThat(value(after, "chatterbox_slow_consumers_dropped_total")).as("the writer's own count")
                    .isEqualTo(writer.slowConsumersDropped());
        });
    }

    @Test
    void rejectionTagsAreBoundedAndPresentFromTheStart() {
        String metrics = scrape();
        assertThat(metrics).contains("chatterbox_messages_rejected_total{code=\"rate_limited\"}",
                "chatterbox_messages_rejected_total{code=\"other\"}");
        assertThat(metrics.lines().filter(line -> line.startsWith("chatterbox_messages_rejected_total{")))
                .hasSize(ChatMetrics.REJECTION_CODES.size() + 1);
    }

    /** A scraper sends no token; the endpoint must answer it like /q/health does. */
    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sample value of one series in the Prometheus text format; fails if the series is missing. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " is not in the scrape"));
    }
}
