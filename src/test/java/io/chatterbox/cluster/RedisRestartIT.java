package io.chatterbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatterbox.support.PostgresDatabase;
import io.chatterbox.support.PrivateRedis;
import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;

/**
 * Redis dies and comes back (empty) while two nodes keep serving: what was acknowledged meanwhile on one node reaches
 * the other node's clients once Redis is back, in order and once, and live fan-out recovers by itself.
 */
class RedisRestartIT {

    private static final String PASSWORD = "restart-password-6610";

    @TempDir
    Path work;

    @Test
    void messagesAcknowledgedWhileRedisWasDownReachTheOtherNodeWhenItIsBack() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create();
                PrivateRedis redis = PrivateRedis.start(work.resolve("redis.log"))) {
            Map<String, String> cluster = Map.of(
                    "CHATTERBOX_CLUSTER_DATABASE_URL", database.url(),
                    "CHATTERBOX_CLUSTER_DATABASE_USERNAME", database.username(),
                    "CHATTERBOX_CLUSTER_REDIS_URL", redis.url(),
                    "CHATTERBOX_AUTH_BCRYPT_COST", "4",
                    "CHATTERBOX_LIMITS_MESSAGES_PER_SECOND", "100000",
                    "CHATTERBOX_LIMITS_MESSAGE_BURST", "100000");
            try (ServerProcess a = ServerProcess.start(Files.createDirectories(work.resolve("a")), cluster);
                    ServerProcess b = ServerProcess.start(Files.createDirectories(work.resolve("b")), cluster)) {
                String sender = a.login("sender" + UUID.randomUUID().toString().substring(0, 8), PASSWORD);
                String reader = b.login("reader" + UUID.randomUUID().toString().substring(0, 8), PASSWORD);
                try (SocketClient onA = SocketClient.connect(a.base(), sender);
                        SocketClient onB = SocketClient.connect(b.base(), reader)) {
                    onA.next("history");
                    onB.next("history");
                    List<Long> acknowledged = new ArrayList<>(onA.sendAcknowledged("before", 5));

                    redis.kill();
                    acknowledged.addAll(onA.sendAcknowledged("while Redis was down", 10));
                    redis.start();
                    acknowledged.addAll(onA.sendAcknowledged("after", 5));

                    List<Long> received = new ArrayList<>();
                    while (received.size() < acknowledged.size()) {
                        received.add(onB.next("message").get("id").asLong());
                    }
                    assertThat(received).containsExactlyElementsOf(acknowledged);
                }
            }
        }
    }

}
