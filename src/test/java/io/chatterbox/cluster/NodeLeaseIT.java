package io.chatterbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ClusterNodes;
import io.chatterbox.support.PostgresDatabase;
import io.chatterbox.support.RedisServer;
import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;

/**
 * A node killed with SIGKILL says nothing on its way out: the other nodes show its people offline once its lease
 * (5 s by default) has passed without a heartbeat, unless they have a tab on another node.
 */
class NodeLeaseIT {

    private static final Logger LOG = Logger.getLogger(NodeLeaseIT.class);
    private static final String PASSWORD = "leased-password-8143";
    /** The documented bound: the lease, one heartbeat interval to notice, the presence interval, and some slack. */
    private static final Duration OFFLINE_WITHIN = Duration.ofSeconds(8);
    /** Well under the lease: a stopping node tells the others instead of falling silent. */
    private static final Duration STOPPED_OFFLINE_WITHIN = Duration.ofSeconds(3);

    @TempDir
    Path work;

    @Test
    void theKilledNodesPeopleAreShownOfflineWithinTheLeaseAndOthersStayOnline() throws Exception {
        RedisServer.require();
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> cluster = ClusterNodes.settings(database);
            try (ServerProcess doomed = ServerProcess.start(Files.createDirectories(work.resolve("doomed")), cluster);
                    ServerProcess survivor = ServerProcess.start(Files.createDirectories(work.resolve("survivor")), cluster)) {
                String victim = "victim" + UUID.randomUUID().toString().substring(0, 8);
                String roamer = "roamer" + UUID.randomUUID().toString().substring(0, 8);
                String roamerToken = doomed.login(roamer, PASSWORD);
                SocketClient watcher = SocketClient.connectV2(survivor.base(), survivor.login("watcher", PASSWORD), null);
                SocketClient victimOnDoomed = SocketClient.connectV2(doomed.base(), doomed.login(victim, PASSWORD), null);
                SocketClient roamerOnDoomed = SocketClient.connectV2(doomed.base(), roamerToken, null);
                SocketClient roamerOnSurvivor = SocketClient.connectV2(survivor.base(), roamerToken, null);
                watcher.nextMatching(frame -> changed(frame, "online").contains(victim));

                doomed.kill();
                long killedAt = System.nanoTime();
                List<JsonNode> seen = watcher.framesUntil(frame -> changed(frame, "offline").contains(victim),
                        OFFLINE_WITHIN);
                long offlineAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
                LOG.infof("The killed node's user was shown offline %d ms after the kill", offlineAfterMillis);

                assertThat(seen).noneMatch(frame -> changed(frame, "offline").contains(roamer));
                victimOnDoomed.abort();
                roamerOnDoomed.abort();
                roamerOnSurvivor.close();
                watcher.close();
            }
        }
    }

    /** A node stopped on purpose (SIGTERM, as a rolling restart does) says so: its people go offline at once. */
    @Test
    void aStoppedNodesPeopleAreShownOfflineAtOnce() throws Exception {
        RedisServer.require();
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> cluster = ClusterNodes.settings(database);
            try (ServerProcess stopping = ServerProcess.start(Files.createDirectories(work.resolve("stopping")), cluster);
                    ServerProcess staying = ServerProcess.start(Files.createDirectories(work.resolve("staying")), cluster)) {
                String leaver = "leaver" + UUID.randomUUID().toString().substring(0, 8);
                SocketClient watcher = SocketClient.connectV2(staying.base(), staying.login("watcher", PASSWORD), null);
                SocketClient leaverSocket = SocketClient.connectV2(stopping.base(), stopping.login(leaver, PASSWORD), null);
                watcher.nextMatching(frame -> changed(frame, "online").contains(leaver));

                long stoppedAt = System.nanoTime();
                stopping.close();
                watcher.framesUntil(frame -> changed(frame, "offline").contains(leaver), STOPPED_OFFLINE_WITHIN);
                LOG.infof("The stopped node's user was shown offline %d ms after SIGTERM",
                        (System.nanoTime() - stoppedAt) / 1_000_000);
                leaverSocket.abort();
                watcher.close();
            }
        }
    }

    /** The names in a general presence_changed frame's {@code list}; empty for any other frame. */
    private static List<String> changed(JsonNode frame, String list) {
        if (!"presence_changed".equals(frame.path("type").asText()) || !"general".equals(frame.path("room").asText())) {
            return List.of();
        }
        return StreamSupport.stream(frame.get(list).spliterator(), false).map(JsonNode::asText).toList();
    }
}
