package io.chatterbox.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Group commit under concurrency: many senders at once land in shared batches, yet every receiver sees every
 * message exactly once, in strictly increasing id order, and each sender's own messages keep their send order.
 */
@QuarkusTest
class FanoutOrderingTest {

    private static final int SENDERS = 5;
    private static final int PER_SENDER = 200;

    @TestHTTPResource("/")
    URI base;

    @Test
    void concurrentSendersAreDeliveredToEveryoneInStoreOrderWithoutLossOrDuplicates() throws Exception {
        String prefix = Accounts.uniqueName("order");
        List<SocketClient> receivers = new ArrayList<>();
        List<SocketClient> senders = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            for (int r = 0; r < 3; r++) {
                receivers.add(SocketClient.connect(base, Accounts.tokenFor(Accounts.uniqueName("recv"))));
            }
            for (int s = 0; s < SENDERS; s++) {
                senders.add(SocketClient.connect(base, Accounts.tokenFor(Accounts.uniqueName("send"))));
            }
            receivers.forEach(client -> client.next("history"));
            senders.forEach(client -> client.next("history"));

            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                SocketClient sender = senders.get(s);
                String tag = prefix + "-" + s + "-";
                sending.add(CompletableFuture.runAsync(() -> {
                    for (int n = 0; n < PER_SENDER; n++) {
                        sender.sendJson(Map.of("type", "message", "text", tag + n, "clientId", tag + n));
                    }
                }, pool));
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            for (SocketClient receiver : receivers) {
                assertOrderedAndComplete(receiver, prefix);
            }
        } finally {
            pool.shutdownNow();
            receivers.forEach(SocketClient::close);
            senders.forEach(SocketClient::close);
        }
    }

    private static void assertOrderedAndComplete(SocketClient receiver, String prefix) {
        long lastId = 0;
        Set<String> seen = new HashSet<>();
        int[] nextPerSender = new int[SENDERS];
        while (seen.size() < SENDERS * PER_SENDER) {
            JsonNode message = receiver.nextMatching(f -> f.path("text").asText().startsWith(prefix + "-"));
            long id = message.get("id").asLong();
            assertThat(id).as("ids strictly increase within a connection").isGreaterThan(lastId);
            lastId = id;
            String text = message.get("text").asText();
            assertThat(seen.add(text)).as("delivered once: %s", text).isTrue();
            String[] parts = text.substring(prefix.length() + 1).split("-");
            int sender = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).as("sender %d keeps its order", sender).isEqualTo(nextPerSender[sender]++);
        }
    }
}
