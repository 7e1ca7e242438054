package io.chatterbox.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.messages.MessageLog;
import io.chatterbox.presence.Presence;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.support.Accounts;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The chat over real sockets: delivery, history, resume, idempotency and the frames a client sees. */
@QuarkusTest
class ChatSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    SocketHub hub;

    @Inject
    Presence presence;

    @Inject
    MessageLog log;

    private final List<SocketClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(SocketClient::close);
    }

    private SocketClient join(String token) {
        return join(token, null);
    }

    private SocketClient join(String token, String query) {
        SocketClient client = SocketClient.connect(base, token, query);
        clients.add(client);
        return client;
    }

    private static Map<String, Object> message(String text, String clientId) {
        return clientId == null ? Map.of("type", "message", "text", text) : Map.of("type", "message", "text", text, "clientId", clientId);
    }

    private static List<Long> ids(JsonNode history) {
        return StreamSupport.stream(history.get("messages").spliterator(), false).map(m -> m.get("id").asLong()).toList();
    }

    @Test
    void aMessageReachesEveryoneAfterItIsStoredAndTheSenderGetsItsAcknowledgement() {
        String alice = Accounts.uniqueName("alice");
        SocketClient a = join(Accounts.tokenFor(alice));
        SocketClient b = join(Accounts.tokenFor(Accounts.uniqueName("bob")));
        SocketClient c = join(Accounts.tokenFor(Accounts.uniqueName("carol")));
        List.of(a, b, c).forEach(client -> client.next("history"));

        String clientId = UUID.randomUUID().toString();
        a.sendJson(message("hello <b>everyone</b>", clientId));

        JsonNode ack = a.nextMatching(f -> clientId.equals(f.path("clientId").asText()));
        assertThat(ack.get("type").asText()).isEqualTo("message");
        assertThat(ack.get("username").asText()).isEqualTo(alice);
        assertThat(ack.get("room").asText()).isEqualTo("general");
        assertThat(ack.get("text").asText()).isEqualTo("hello <b>everyone</b>");
        assertThat(ack.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        for (SocketClient other : List.of(b, c)) {
            JsonNode received = other.nextMatching(f -> clientId.equals(f.path("clientId").asText()));
            assertThat(received).isEqualTo(ack);
        }
        assertThat(storedWithClientId(alice, clientId)).isEqualTo(1);
    }

    /** The join is ordered before anything the client sends: a message sent at once is acknowledged live, after the history. */
    @Test
    void aMessageSentRightAfterTheUpgradeIsAcknowledgedAfterTheHistory() {
        try (SocketClient client = SocketClient.connectV2(base, Accounts.tokenFor(Accounts.uniqueName("eager")))) {
            client.sendJson(Map.of("type", "message", "text", "first thing", "clientId", "eager-1"));

            List<JsonNode> frames = client.framesUntil(frame -> "eager-1".equals(frame.path("clientId").asText()));
            assertThat(frames.get(frames.size() - 1).get("type").asText()).isEqualTo("message");
            assertThat(frames.get(0).get("type").asText()).isEqualTo("rooms");
            assertThat(frames).filteredOn(frame -> "history".equals(frame.path("type").asText())).isNotEmpty()
                    .allMatch(history -> !history.toString().contains("eager-1"));
        }
    }

    @Test
    void identityComesFromTheTokenNotFromTheFrame() {
        String mallory = Accounts.uniqueName("mallory");
        SocketClient m = join(Accounts.tokenFor(mallory));
        m.next("history");

        m.send("{\"type\":\"message\",\"text\":\"trust me\",\"username\":\"admin\",\"id\":1,\"clientId\":\"spoof\"}");

        JsonNode ack = m.nextMatching(f -> "spoof".equals(f.path("clientId").asText()));
        assertThat(ack.get("username").asText()).isEqualTo(mallory);
        assertThat(ack.get("id").asLong()).isGreaterThan(1);
    }

    @Test
    void aPlainTextFrameIsAMessageToGeneral() {
        String plain = Accounts.uniqueName("plain");
        SocketClient p = join(Accounts.tokenFor(plain));
        p.next("history");

        p.send("just words, no JSON");

        JsonNode message = p.next("message");
        assertThat(message.get("text").asText()).isEqualTo("just words, no JSON");
        assertThat(message.get("room").asText()).isEqualTo("general");
        assertThat(message.path("clientId").isNull() || message.path("clientId").isMissingNode()).isTrue();
    }

    @Test
    void historyIsTheLatestFiftyInAscendingOrder() {
        String token = Accounts.tokenFor(Accounts.uniqueName("hist"));
        SocketClient writer = join(token);
        writer.next("history");
        long lastId = 0;
        for (int i = 0; i < 55; i++) {
            writer.sendJson(message("history " + i, "h-" + i + "-" + UUID.randomUUID()));
            lastId = writer.next("message").get("id").asLong();
        }

        JsonNode history = join(token).next();

        assertThat(history.get("type").asText()).isEqualTo("history");
        assertThat(history.get("room").asText()).isEqualTo("general");
        List<Long> ids = ids(history);
        assertThat(ids).hasSize(50).isSorted().doesNotHaveDuplicates();
        assertThat(ids.get(49)).isEqualTo(lastId);
        assertThat(history.get("messages").get(49).get("text").asText()).isEqualTo("history 54");
    }

    @Test
    void sinceResumesWithExactlyTheMissedMessages() {
        String token = Accounts.tokenFor(Accounts.uniqueName("resume"));
        SocketClient writer = join(token);
        writer.next("history");
        writer.sendJson(message("seen", null));
        long seen = writer.next("message").get("id").asLong();
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writer.sendJson(message("missed " + i, null));
            missed.add(writer.next("message").get("id").asLong());
        }

        JsonNode history = join(token, "since=" + seen).next();

        assertThat(history.get("type").asText()).isEqualTo("history");
        assertThat(history.has("resync")).isFalse();
        List<Long> resumed = ids(history);
        assertThat(resumed).isSorted().allMatch(id -> id > seen).containsAll(missed);
        assertThat(resumed.get(0)).isEqualTo(missed.get(0));
    }

    @Test
    void aBadSinceIsReportedAndTheLatestHistoryFollows() {
        SocketClient client = join(Accounts.tokenFor(Accounts.uniqueName("since")), "since=yesterday");

        assertThat(client.next().get("code").asText()).isEqualTo("invalid_since");
        assertThat(client.next().get("type").asText()).isEqualTo("history");
    }

    @Test
    void aRepeatedClientIdStoresNothingAndOnlyTheSenderGetsTheEarlierCopy() {
        String sender = Accounts.uniqueName("idem");
        SocketClient s = join(Accounts.tokenFor(sender));
        SocketClient watcher = join(Accounts.tokenFor(Accounts.uniqueName("watch")));
        s.next("history");
        watcher.next("history");

        String clientId = "retry-" + UUID.randomUUID();
        s.sendJson(message("once", clientId));
        JsonNode first = s.nextMatching(f -> clientId.equals(f.path("clientId").asText()));
        s.sendJson(message("once", clientId));
        JsonNode second = s.nextMatching(f -> clientId.equals(f.path("clientId").asText()));
        s.sendJson(message("marker", null));
        s.nextMatching(f -> "marker".equals(f.path("text").asText()));

        assertThat(second).isEqualTo(first);
        assertThat(storedWithClientId(sender, clientId)).isEqualTo(1);
        watcher.nextMatching(f -> clientId.equals(f.path("clientId").asText()));
        JsonNode afterCopy = watcher.nextMatching(f -> "message".equals(f.path("type").asText()));
        assertThat(afterCopy.get("text").asText()).as("the watcher sees no second copy").isEqualTo("marker");
    }

    @Test
    void badFramesGetAnErrorFrameAndTheConnectionStaysUsable() {
        SocketClient client = join(Accounts.tokenFor(Accounts.uniqueName("bad")));
        client.next("history");

        assertError(client, "{\"type\":\"message\",\"text\":\"   \"}", "invalid_text");
        assertError(client, "{\"type\":\"message\"}", "invalid_text");
        assertError(client, "{\"type\":\"message\",\"text\":\"" + "x".repeat(4001) + "\"}", "invalid_text");
        assertError(client, "{\"type\":\"message\",\"text\":42}", "invalid_text");
        assertError(client, "{\"type\":\"message\",\"text\":\"hi\",\"clientId\":7}", "invalid_client_id");
        assertError(client, "{\"type\":\"message\",\"text\":\"hi\",\"room\":\"nowhere\"}", "unknown_room");
        assertError(client, "{\"type\":\"dance\"}", "unknown_type");
        assertError(client, "{\"text\":\"no type\"}", "invalid_frame");
        assertError(client, "{\"type\":\"message\",", "invalid_json");
        assertError(client, "{\"type\":\"message\",\"text\":\"hi\"} trailing", "invalid_json");

        client.sendJson(message("x".repeat(4000), "max-" + UUID.randomUUID()));
        assertThat(client.nextMatching(ChatSocketTest::notPresence).get("type").asText())
                .as("a 4000-character message is fine").isEqualTo("message");
    }

    /** Presence frames arrive whenever anyone comes or goes; most assertions look past them. */
    private static boolean notPresence(JsonNode frame) {
        return !"presence".equals(frame.path("type").asText());
    }

    private static void assertError(SocketClient client, String frame, String code) {
        client.send(frame);
        JsonNode error = client.nextMatching(ChatSocketTest::notPresence);
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception");
    }

    @Test
    void presenceCountsPeopleNotTabs() {
        String ann = Accounts.uniqueName("ann");
        String ben = Accounts.uniqueName("ben");
        String benToken = Accounts.tokenFor(ben);
        SocketClient annSocket = join(Accounts.tokenFor(ann));
        annSocket.next("history");
        assertThat(online(annSocket.next())).contains(ann);

        SocketClient benTab1 = SocketClient.connect(base, benToken);
        benTab1.next("history");
        assertThat(online(benTab1.next("presence"))).as("a newcomer gets the list at once").contains(ann, ben);
        annSocket.nextMatching(f -> isPresence(f) && online(f).contains(ben)); // announced to the others shortly

        SocketClient benTab2 = SocketClient.connect(base, benToken);
        benTab2.next("history");
        assertThat(online(benTab2.next("presence"))).contains(ann, ben);
        benTab1.close();
        Awaitility.await().atMost(SocketClient.TIMEOUT).until(() -> hub.sessionsOf(ben).size() == 1);
        assertThat(presence.online()).as("one tab closed, one open: still online").contains(ben);
        benTab2.close();

        // Ben stays online while any tab is open; the last close takes him off everyone's list.
        JsonNode after = annSocket.nextMatching(f -> isPresence(f) && !online(f).contains(ben));
        assertThat(online(after)).contains(ann);
    }

    private static boolean isPresence(JsonNode frame) {
        return "presence".equals(frame.path("type").asText());
    }

    private static List<String> online(JsonNode presence) {
        assertThat(presence.get("type").asText()).isEqualTo("presence");
        return StreamSupport.stream(presence.get("online").spliterator(), false).map(JsonNode::asText).toList();
    }

    /** Rows of general's recent past (through the store port, so this reads SQLite or PostgreSQL alike). */
    private long storedWithClientId(String username, String clientId) {
        return log.latest(RoomInfo.GENERAL, 1_000).messages().stream()
                .filter(message -> message.username().equals(username) && clientId.equals(message.clientId())).count();
    }
}
