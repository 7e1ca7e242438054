package io.chatterbox.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.ClusterNodes;
import io.chatterbox.support.PostgresDatabase;
import io.chatterbox.support.RedisServer;
import io.chatterbox.support.ServerProcess;
import io.chatterbox.support.SocketClient;
import io.restassured.specification.RequestSpecification;

/**
 * Three real nodes of the packaged jar on one PostgreSQL database and one Redis (a key prefix of this run's own),
 * started at the same moment: what one node's users do reaches the other nodes' users as if they shared a machine.
 */
class ClusterIT {

    private static final Logger LOG = Logger.getLogger(ClusterIT.class);
    private static final String PASSWORD = "cluster-password-5521";

    @TempDir
    static Path work;

    private static PostgresDatabase database;
    private static ServerProcess a;
    private static ServerProcess b;
    private static ServerProcess c;
    private final List<SocketClient> sockets = new ArrayList<>();

    @BeforeAll
    static void startThreeNodes() throws Exception {
        RedisServer.require();
        database = PostgresDatabase.create();
        Map<String, String> cluster = ClusterNodes.settings(database);
        cluster.putAll(Map.of(
                "CHATTERBOX_LIMITS_MESSAGES_PER_SECOND", "100000",
                "CHATTERBOX_LIMITS_MESSAGE_BURST", "100000",
                "CHATTERBOX_LIMITS_CONNECTIONS_PER_USER", "3",
                "CHATTERBOX_LIMITS_REGISTRATIONS_PER_ADDRESS_PER_HOUR", "1000"));
        List<ServerProcess> nodes = ClusterNodes.startTogether(work, cluster, "a", "b", "c");
        a = nodes.get(0);
        b = nodes.get(1);
        c = nodes.get(2);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (ServerProcess node : Stream.of(a, b, c).filter(node -> node != null).toList()) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void closeSockets() {
        sockets.forEach(SocketClient::close);
    }

    private SocketClient v2(ServerProcess node, String token, String query) {
        SocketClient socket = SocketClient.connectV2(node.base(), token, query);
        sockets.add(socket);
        socket.next("rooms");
        return socket;
    }

    private static String user(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification api(ServerProcess node, String token) {
        return given().baseUri(node.base().toString()).header("Authorization", "Bearer " + token);
    }

    private static boolean isMessage(JsonNode frame, String clientId) {
        return "message".equals(frame.path("type").asText()) && clientId.equals(frame.path("clientId").asText());
    }

    @Test
    void aMessagePostedOnOneNodeReachesTheOthersOnceWithTheSameIdAndTheSenderIsAcknowledged() throws Exception {
        String alice = a.login(user("alice"), PASSWORD);
        SocketClient aliceOnA = v2(a, alice, null);
        SocketClient bobOnB = v2(b, b.login(user("bob"), PASSWORD), null);
        SocketClient carolOnC = v2(c, c.login(user("carol"), PASSWORD), null);

        aliceOnA.sendJson(Map.of("type", "message", "room", "general", "text", "across the cluster", "clientId", "x-1"));

        JsonNode ack = aliceOnA.nextMatching(frame -> isMessage(frame, "x-1"));
        aliceOnA.sendJson(Map.of("type", "message", "room", "general", "text", "marker", "clientId", "x-2"));
        for (SocketClient elsewhere : List.of(bobOnB, carolOnC)) {
            JsonNode received = elsewhere.nextMatching(frame -> isMessage(frame, "x-1"));
            assertThat(received.get("id").asLong()).isEqualTo(ack.get("id").asLong());
            assertThat(received.get("text").asText()).isEqualTo("across the cluster");
            assertThat(elsewhere.framesUntil(frame -> isMessage(frame, "x-2"))).as("once")
                    .noneMatch(frame -> isMessage(frame, "x-1"));
        }
    }

    /** Both nodes write at once; every client, on either node, sees every message once and in id order. */
    @Test
    void messagesFromBothNodesArriveEverywhereOnceAndInIdOrder() throws Exception {
        String alice = a.login(user("alice"), PASSWORD);
        String bob = b.login(user("bob"), PASSWORD);
        String watcher = a.login(user("watcher"), PASSWORD);
        SocketClient aliceOnA = v2(a, alice, null);
        SocketClient bobOnB = v2(b, bob, null);
        List<SocketClient> watchers = List.of(v2(a, watcher, null), v2(b, watcher, null), v2(c, watcher, null));
        String run = UUID.randomUUID().toString().substring(0, 6);

        for (int i = 0; i < 100; i++) {
            aliceOnA.sendJson(Map.of("type", "message", "room", "general", "text", "a" + i, "clientId", run + "-a" + i));
            bobOnB.sendJson(Map.of("type", "message", "room", "general", "text", "b" + i, "clientId", run + "-b" + i));
        }

        List<SocketClient> everyone = Stream.concat(watchers.stream(), Stream.of(aliceOnA, bobOnB)).toList();
        for (SocketClient socket : everyone) {
            List<Long> ids = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            while (ids.size() < 200) {
                JsonNode frame;
                try {
                    frame = socket.nextMatching(f -> "message".equals(f.path("type").asText())
                            && f.path("clientId").asText().startsWith(run));
                } catch (AssertionError e) {
                    throw new AssertionError("socket " + everyone.indexOf(socket) + " had only " + texts, e);
                }
                ids.add(frame.get("id").asLong());
                texts.add(frame.get("text").asText());
            }
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(texts.stream().filter(text -> text.startsWith("a")).toList())
                    .containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(100).map(i -> "a" + i).toList());
            assertThat(texts.stream().filter(text -> text.startsWith("b")).toList())
                    .containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(100).map(i -> "b" + i).toList());
        }
    }

    @Test
    void aClientThatLeftOneNodeResumesOnTheOtherWithExactlyWhatItMissed() throws Exception {
        String alice = a.login(user("alice"), PASSWORD);
        String bob = b.login(user("bob"), PASSWORD);
        SocketClient aliceOnA = v2(a, alice, null);
        aliceOnA.sendJson(Map.of("type", "message", "room", "general", "text", "before", "clientId", "r-0"));
        long seen = aliceOnA.nextMatching(frame -> isMessage(frame, "r-0")).get("id").asLong();
        aliceOnA.close();

        SocketClient bobOnB = v2(b, bob, null);
        List<Long> missed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String clientId = "r-" + i;
            bobOnB.sendJson(Map.of("type", "message", "room", "general", "text", "missed " + i, "clientId", clientId));
            missed.add(bobOnB.nextMatching(frame -> isMessage(frame, clientId)).get("id").asLong());
        }

        SocketClient aliceOnB = SocketClient.connectV2(b.base(), alice, "since=" + seen);
        sockets.add(aliceOnB);
        JsonNode history = aliceOnB.nextMatching(frame -> "history".equals(frame.path("type").asText())
                && "general".equals(frame.path("room").asText()));
        List<Long> resumed = new ArrayList<>();
        history.get("messages").forEach(message -> resumed.add(message.get("id").asLong()));
        assertThat(resumed).containsAll(missed).doesNotContain(seen).isSorted();
    }

    @Test
    void aRepeatedClientIdOnTheOtherNodeStoresNothingAndAnswersWithTheOriginal() throws Exception {
        String alice = a.login(user("alice"), PASSWORD);
        String clientId = "dup-" + UUID.randomUUID();
        SocketClient onA = v2(a, alice, null);
        onA.sendJson(Map.of("type", "message", "room", "general", "text", "once", "clientId", clientId));
        JsonNode original = onA.nextMatching(frame -> isMessage(frame, clientId));
        onA.abort();

        SocketClient onB = v2(b, alice, null);
        onB.sendJson(Map.of("type", "message", "room", "general", "text", "once (resent)", "clientId", clientId));
        JsonNode answer = onB.nextMatching(frame -> isMessage(frame, clientId));

        assertThat(answer.get("id").asLong()).isEqualTo(original.get("id").asLong());
        assertThat(answer.get("text").asText()).isEqualTo("once");
        List<Object> stored = api(b, alice).queryParam("limit", 100).get("/api/rooms/general/messages").then().statusCode(200)
                .extract().jsonPath().getList("messages.findAll { it.clientId == '" + clientId + "' }");
        assertThat(stored).hasSize(1);
    }

    @Test
    void aLogoutOnOneNodeClosesTheSocketsAndRefusesTheTokenOnTheOther() throws Exception {
        String name = user("leaver");
        String token = a.login(name, PASSWORD);
        SocketClient onB = v2(b, token, null);

        long loggedOutAt = System.nanoTime();
        a.logout(token);

        assertThat(onB.awaitClose()).isEqualTo(1008);
        LOG.infof("The socket on the other node closed %d ms after the logout began",
                (System.nanoTime() - loggedOutAt) / 1_000_000);
        api(b, token).get("/api/me").then().statusCode(401);
    }

    @Test
    void membershipChangedOnOneNodeTakesEffectOnTheOtherAtOnce() throws Exception {
        String aliceName = user("alice");
        String bobName = user("bob");
        String alice = a.login(aliceName, PASSWORD);
        String bob = b.login(bobName, PASSWORD);
        SocketClient bobOnB = v2(b, bob, null);
        String room = api(a, alice).contentType("application/json")
                .body(Map.of("name", user("secret"), "private", true)).post("/api/rooms").then().statusCode(201)
                .extract().path("room");

        api(a, alice).contentType("application/json").body(Map.of("username", bobName))
                .post("/api/rooms/" + room + "/members").then().statusCode(201);
        JsonNode joined = bobOnB.next("room_joined");
        assertThat(joined.get("room").get("room").asText()).isEqualTo(room);
        SocketClient aliceOnA = v2(a, alice, null);
        aliceOnA.sendJson(Map.of("type", "message", "room", room, "text", "for members", "clientId", "m-1"));
        assertThat(bobOnB.nextMatching(frame -> isMessage(frame, "m-1")).get("room").asText()).isEqualTo(room);
        api(b, bob).get("/api/rooms/" + room + "/messages").then().statusCode(200);

        api(a, alice).delete("/api/rooms/" + room + "/members/" + bobName).then().statusCode(204);
        assertThat(bobOnB.next("room_left").get("room").asText()).isEqualTo(room);
        api(b, bob).get("/api/rooms/" + room + "/messages").then().statusCode(404);
        aliceOnA.sendJson(Map.of("type", "message", "room", room, "text", "after the removal", "clientId", "m-2"));
        aliceOnA.nextMatching(frame -> isMessage(frame, "m-2"));
        bobOnB.sendJson(Map.of("type", "message", "room", "general", "text", "marker", "clientId", "m-3"));
        List<JsonNode> untilMarker = bobOnB.framesUntil(frame -> isMessage(frame, "m-3"));
        assertThat(untilMarker).noneMatch(frame -> isMessage(frame, "m-2"));
    }

    /**
     * Every node reads the same files: an upload on one node is carried by a message heard on another, where both the
     * bearer header and a link signed by the first node read the same bytes; removal from the room on a third node
     * ends the link everywhere.
     */
    @Test
    void aFileUploadedOnOneNodeIsReadOnTheOthersAndOnlyByMembers() throws Exception {
        String aliceName = user("alice");
        String bobName = user("bob");
        String alice = a.login(aliceName, PASSWORD);
        String bob = b.login(bobName, PASSWORD);
        String room = api(a, alice).contentType("application/json")
                .body(Map.of("name", user("album"), "private", true)).post("/api/rooms").then().statusCode(201)
                .extract().path("room");
        api(a, alice).contentType("application/json").body(Map.of("username", bobName))
                .post("/api/rooms/" + room + "/members").then().statusCode(201);
        SocketClient bobOnB = v2(b, bob, null);
        byte[] bytes = new byte[700_000]; // more than one 512 KiB chunk
        new java.util.Random(7).nextBytes(bytes);

        String id = api(a, alice).multiPart("file", "tape.bin", bytes, "application/octet-stream")
                .post("/api/rooms/" + room + "/files").then().statusCode(201).extract().path("id");
        String link = api(a, alice).contentType("application/json").body(Map.of("ids", List.of(id)))
                .post("/api/files/links").then().statusCode(200).extract().path("links." + id + ".url");
        String bobsLink = api(b, bob).contentType("application/json").body(Map.of("ids", List.of(id)))
                .post("/api/files/links").then().statusCode(200).extract().path("links." + id + ".url");
        v2(a, alice, null).sendJson(Map.of("type", "message", "room", room, "text", "", "clientId", "f-1",
                "attachments", List.of(id)));

        JsonNode heard = bobOnB.nextMatching(frame -> isMessage(frame, "f-1"));
        assertThat(heard.at("/attachments/0/id").asText()).isEqualTo(id);
        assertThat(api(b, bob).get("/api/files/" + id).then().statusCode(200).extract().asByteArray()).isEqualTo(bytes);
        assertThat(given().baseUri(c.base().toString()).get(link).then().statusCode(200).extract().asByteArray())
                .isEqualTo(bytes);
        assertThat(api(c, bob).header("Range", "bytes=524280-524295").get("/api/files/" + id).then().statusCode(206)
                .extract().asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 524_280, 524_296));

        api(c, alice).delete("/api/rooms/" + room + "/members/" + bobName).then().statusCode(204);
        bobOnB.next("room_left");
        given().baseUri(b.base().toString()).get(bobsLink).then().statusCode(404);
        org.awaitility.Awaitility.await().untilAsserted(() -> api(a, bob).get("/api/files/" + id).then().statusCode(404));
    }

    /**
     * A person is online while any tab of theirs is open on any node: closing one of two tabs (on different nodes)
     * tells nobody anything, closing the last one tells everyone, and a newcomer's list names people on both nodes.
     */
    @Test
    void presenceCountsAPersonOnceOverEveryNodesTabs() throws Exception {
        String aliceName = user("alice");
        String alice = a.login(aliceName, PASSWORD);
        String bobName = user("bob");
        String bob = b.login(bobName, PASSWORD);
        SocketClient bobOnB = v2(b, bob, null);

        SocketClient aliceOnA = v2(a, alice, null);
        bobOnB.nextMatching(frame -> presenceChange(frame, "online", aliceName));
        SocketClient aliceOnB = v2(b, alice, null);

        String carolName = user("carol");
        SocketClient carolOnA = v2(a, a.login(carolName, PASSWORD), null);
        JsonNode carolsList = carolOnA.nextMatching(frame -> "presence".equals(frame.path("type").asText())
                && "general".equals(frame.path("room").asText()));
        assertThat(names(carolsList.get("online"))).contains(aliceName, bobName, carolName);

        aliceOnA.closeAndAwait();
        String daveName = user("dave");
        v2(a, a.login(daveName, PASSWORD), null);
        List<JsonNode> seen = bobOnB.framesUntil(frame -> presenceChange(frame, "online", daveName));
        assertThat(seen).noneMatch(frame -> presenceChange(frame, "offline", aliceName));

        aliceOnB.close();
        bobOnB.nextMatching(frame -> presenceChange(frame, "offline", aliceName));
    }

    @Test
    void someoneTypingOnOneNodeIsShownOnTheOther() throws Exception {
        String aliceName = user("alice");
        String alice = a.login(aliceName, PASSWORD);
        SocketClient bobOnB = v2(b, b.login(user("bob"), PASSWORD), null);
        SocketClient aliceOnA = v2(a, alice, null);

        aliceOnA.sendJson(Map.of("type", "typing", "room", "general"));

        JsonNode typing = bobOnB.nextMatching(frame -> "typing".equals(frame.path("type").asText())
                && aliceName.equals(frame.path("username").asText()));
        assertThat(typing.get("room").asText()).isEqualTo("general");
    }

    /** At most three sockets per user (this cluster's setting), counted over both nodes. */
    @Test
    void theSocketsPerUserLimitCountsEveryNode() throws Exception {
        String name = user("tabs");
        String token = a.login(name, PASSWORD);
        SocketClient watcher = v2(b, b.login(user("watcher"), PASSWORD), null);
        v2(a, token, null);
        v2(a, token, null);
        // A's notices arrive in order: once B has heard of the marker, it has heard of both sockets before it.
        String marker = user("marker");
        v2(a, a.login(marker, PASSWORD), null);
        watcher.nextMatching(frame -> presenceChange(frame, "online", marker));
        v2(b, token, null);

        SocketClient fourth = SocketClient.connectV2(b.base(), token, null);
        sockets.add(fourth);
        assertThat(fourth.awaitClose()).isEqualTo(1008);
    }

    /**
     * Clients connect to a third node while another node's messages stream in: each gets every message once, either
     * in its opening history or live after it, never both, never neither.
     */
    @Test
    void clientsJoiningWhileMessagesStreamFromAnotherNodeGetEachMessageOnce() throws Exception {
        SocketClient aliceOnA = v2(a, a.login(user("alice"), PASSWORD), null);
        String run = UUID.randomUUID().toString().substring(0, 6);
        int count = 200;
        List<String> joinerTokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            joinerTokens.add(c.login(user("joiner"), PASSWORD));
        }

        CompletableFuture<List<Long>> sent = CompletableFuture.supplyAsync(() -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String clientId = run + "-" + i;
                aliceOnA.sendJson(Map.of("type", "message", "room", "general", "text", "stream " + i, "clientId", clientId));
                ids.add(aliceOnA.nextMatching(frame -> isMessage(frame, clientId)).get("id").asLong());
            }
            return ids;
        });
        List<SocketClient> joiners = new ArrayList<>();
        for (String token : joinerTokens) {
            Thread.sleep(150); // spreads the joins over the stream
            SocketClient joiner = SocketClient.connectV2(c.base(), token, null);
            sockets.add(joiner);
            joiners.add(joiner);
        }
        List<Long> acknowledged = sent.get();

        for (SocketClient joiner : joiners) {
            JsonNode history = joiner.nextMatching(frame -> "history".equals(frame.path("type").asText())
                    && "general".equals(frame.path("room").asText()));
            List<Long> inHistory = new ArrayList<>();
            history.get("messages").forEach(message -> {
                if (message.path("clientId").asText().startsWith(run + "-")) {
                    inHistory.add(message.get("id").asLong());
                }
            });
            long shownUpTo = inHistory.isEmpty() ? 0 : inHistory.get(inHistory.size() - 1);
            List<Long> live = new ArrayList<>();
            joiner.framesUntil(frame -> {
                if ("message".equals(frame.path("type").asText()) && frame.path("clientId").asText().startsWith(run + "-")) {
                    live.add(frame.get("id").asLong());
                }
                return isMessage(frame, run + "-" + (count - 1));
            });
            assertThat(acknowledged).containsAll(inHistory);
            assertThat(live).as("after a history up to %d", shownUpTo)
                    .containsExactlyElementsOf(acknowledged.stream().filter(id -> id > shownUpTo).toList());
        }
    }

    /** A presence_changed frame for general that names {@code username} in its {@code list} (online or offline). */
    private static boolean presenceChange(JsonNode frame, String list, String username) {
        return "presence_changed".equals(frame.path("type").asText()) && "general".equals(frame.path("room").asText())
                && names(frame.get(list)).contains(username);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(name -> names.add(name.asText()));
        return names;
    }
}
