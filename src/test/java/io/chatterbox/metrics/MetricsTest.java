package io.chatterbox.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Prometheus scrape at /q/metrics: reachable without a token, and the chat meters move with real traffic.
 * Other tests share the server, so counters are compared with a scrape taken before, never with absolutes.
 */
@QuarkusTest
class MetricsTest {

    private static final String STORED = "chatterbox_messages_stored_total";
    private static final String RECEIVED = "chatterbox_messages_received_total";
    private static final String DELIVERED = "chatterbox_messages_delivered_total";
    private static final String INVALID_TEXT = "chatterbox_messages_rejected_total{code=\"invalid_text\"}";
    private static final String COMMITS = "chatterbox_store_commit_seconds_count";
    private static final String BATCHES = "chatterbox_store_batch_size_count";

    @TestHTTPResource("/")
    URI base;

    @Test
    void trafficMovesTheChatMeters() {
        String before = scrape();
        String alice = Accounts.uniqueName("metrics");
        try (SocketClient a = SocketClient.connect(base, Accounts.tokenFor(alice));
                SocketClient b = SocketClient.connect(base, Accounts.tokenFor(Accounts.uniqueName("metrics")))) {
            a.next("history");
            b.next("history");
            for (String clientId : new String[] { "m1", "m2" }) {
                a.sendJson(Map.of("type", "message", "text", "counted " + clientId, "clientId", clientId));
                a.nextMatching(frame -> clientId.equals(frame.path("clientId").asText()));
                b.nextMatching(frame -> clientId.equals(frame.path("clientId").asText()));
            }
            a.sendJson(Map.of("type", "message", "text", " "));
            assertThat(a.next("error").get("code").asText()).isEqualTo("invalid_text");

            // Delivery is counted once the fan-out returns, which may be just after the frames arrived.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String after = scrape();
                assertThat(value(after, RECEIVED)).isGreaterThanOrEqualTo(value(before, RECEIVED) + 2);
                assertThat(value(after, STORED)).isGreaterThanOrEqualTo(value(before, STORED) + 2);
                assertThat(value(after, DELIVERED)).as("two messages to two sockets")
                        .isGreaterThanOrEqualTo(value(before, DELIVERED) + 4);
                assertThat(value(after, INVALID_TEXT)).isGreaterThanOrEqualTo(value(before, INVALID_TEXT) + 1);
                assertThat(value(after, COMMITS)).isGreaterThan(value(before, COMMITS));
                assertThat(value(after, BATCHES)).isGreaterThan(value(before, BATCHES));
                assertThat(value(after, "chatterbox_connections_open")).isGreaterThanOrEqualTo(2);
                assertThat(value(after, "chatterbox_users_online")).isGreaterThanOrEqualTo(2);
                assertThat(value(after, "chatterbox_store_queue_depth")).isGreaterThanOrEqualTo(0);
                assertThat(value(after, "chatterbox_slow_consumers_dropped_total")).isGreaterThanOrEqualTo(0);
            });
        }
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
