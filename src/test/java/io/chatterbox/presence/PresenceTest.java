package io.chatterbox.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.socket.SocketHub;
import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** v2 presence is per room: who of the room's members is online, counted per person, never leaking outsiders. */
@QuarkusTest
class PresenceTest extends SocketTestBase {

    @Inject
    SocketHub hub;

    @Test
    void eachRoomsPresenceListsOnlyItsOwnMembersWhoAreOnline() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        ChatUser carol = ChatUser.register("carol");
        String secret = Rooms.privateRoomWith(alice, "secret", bob);
        SocketClient carolSocket = sockets.v2Ready(base, carol);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        SocketClient aliceSocket = sockets.v2(base, alice);

        Map<String, JsonNode> opening = openingPresence(aliceSocket, Set.of("general", secret));
        assertThat(Chat.online(opening.get(secret))).containsExactly(alice.name(), bob.name());
        assertThat(Chat.online(opening.get("general"))).as("general has everyone online")
                .contains(alice.name(), bob.name(), carol.name());
        Rooms.members(alice.token(), secret).statusCode(200)
                .body("members.online", equalTo(List.of(true, true)));
        JsonNode change = Chat.await(bobSocket,
                f -> Chat.typeIn("presence_changed", secret).test(f) && cameOnline(f).contains(alice.name()));
        assertThat(wentOffline(change)).isEmpty();
        assertThat(Chat.framesUntilMarker(carolSocket, "general", carolSocket)).noneMatch(f -> secret.equals(Chat.roomOf(f)));
    }

    @Test
    void aV2ConnectionHearsWhoCameAndWentWhileV1ConnectionsKeepGettingWholeLists() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        ChatUser old = ChatUser.register("old");
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient v1Socket = sockets.v1Ready(base, old);

        List<JsonNode> seen = comesAndGoes(bob, aliceSocket);

        assertThat(seen).as("no whole list after the opening one").noneMatch(Chat.typeIn("presence", "general"));
        assertThat(cameOnline(seen.get(seen.size() - 1))).doesNotContain(bob.name());
        JsonNode withBob = Chat.await(v1Socket, f -> Chat.isType(f, "presence") && Chat.online(f).contains(bob.name()));
        assertThat(Chat.online(withBob)).contains(alice.name(), old.name());
        JsonNode withoutBob = Chat.await(v1Socket, f -> Chat.isType(f, "presence") && !Chat.online(f).contains(bob.name()));
        assertThat(Chat.online(withoutBob)).contains(alice.name(), old.name());
    }

    @Test
    void aUserWithTwoConnectionsStaysOnlineUntilTheLastOneCloses() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        ChatUser dave = ChatUser.register("dave");
        String secret = Rooms.privateRoomWith(alice, "secret", bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobTab1 = SocketClient.connectV2(base, bob.token());
        SocketClient bobTab2 = SocketClient.connectV2(base, bob.token());
        try {
            Chat.await(aliceSocket, f -> Chat.typeIn("presence_changed", secret).test(f) && cameOnline(f).contains(bob.name()));

            bobTab1.close();
            Awaitility.await().atMost(SocketClient.TIMEOUT).until(() -> hub.sessionsOf(bob.name()).size() == 1);
            // A later change in the room (dave arrives) proves that closing one tab was no change.
            Rooms.invite(alice.token(), secret, dave.name()).statusCode(201);
            sockets.v2Ready(base, dave);
            List<JsonNode> seen = aliceSocket.framesUntil(f -> Chat.typeIn("presence_changed", secret).test(f)
                    && cameOnline(f).contains(dave.name()));
            assertThat(seen).filteredOn(Chat.typeIn("presence_changed", secret))
                    .allSatisfy(f -> assertThat(wentOffline(f)).as("one tab still open").doesNotContain(bob.name()));
            Rooms.members(alice.token(), secret).body("members.find { it.username == '" + bob.name() + "' }.online", equalTo(true));

            bobTab2.close();

            JsonNode after = Chat.await(aliceSocket, f -> Chat.typeIn("presence_changed", secret).test(f)
                    && wentOffline(f).contains(bob.name()));
            assertThat(cameOnline(after)).doesNotContain(bob.name());
            assertThat(Chat.online(openingPresence(sockets.v2(base, alice), Set.of(secret)).get(secret)))
                    .as("the whole list a new connection gets").containsExactly(alice.name(), dave.name());
            Rooms.members(alice.token(), secret).body("members.find { it.username == '" + bob.name() + "' }.online", equalTo(false));
        } finally {
            bobTab1.close();
            bobTab2.close();
        }
    }

    @Test
    void someoneWhoSharesNoRoomWithMeIsNeverInMyRoomPresence() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser stranger = ChatUser.register("stranger");
        String secret = Rooms.privateRoomWith(alice, "secret");
        SocketClient aliceSocket = sockets.v2Ready(base, alice);

        List<JsonNode> seen = comesAndGoes(stranger, aliceSocket);

        assertThat(seen).filteredOn(f -> !"general".equals(Chat.roomOf(f)))
                .filteredOn(f -> Chat.isType(f, "presence") || Chat.isType(f, "presence_changed"))
                .allSatisfy(f -> assertThat(cameOnline(f)).doesNotContain(stranger.name()))
                .allSatisfy(f -> assertThat(wentOffline(f)).doesNotContain(stranger.name()));
    }

    /**
     * The user connects and disconnects again; returns what the observer got meanwhile, up to general's change that
     * names the user offline (each step awaited through the observer's presence_changed frames).
     */
    private List<JsonNode> comesAndGoes(ChatUser user, SocketClient observer) {
        SocketClient socket = sockets.v2Ready(base, user);
        List<JsonNode> seen = new ArrayList<>(observer.framesUntil(f -> Chat.typeIn("presence_changed", "general").test(f)
                && cameOnline(f).contains(user.name())));
        socket.close();
        seen.addAll(observer.framesUntil(f -> Chat.typeIn("presence_changed", "general").test(f)
                && wentOffline(f).contains(user.name())));
        return seen;
    }

    /** The names of a presence_changed frame's {@code online} (or a presence frame's whole list). */
    private static List<String> cameOnline(JsonNode frame) {
        return Chat.list(frame.path("online")).stream().map(JsonNode::asText).toList();
    }

    private static List<String> wentOffline(JsonNode frame) {
        return Chat.list(frame.path("offline")).stream().map(JsonNode::asText).toList();
    }

    /** The presence frames a new connection gets for each of the given rooms. */
    private static Map<String, JsonNode> openingPresence(SocketClient socket, Set<String> rooms) {
        Map<String, JsonNode> found = new HashMap<>();
        socket.framesUntil(f -> {
            if (Chat.isType(f, "presence") && rooms.contains(Chat.roomOf(f))) {
                found.putIfAbsent(Chat.roomOf(f), f);
            }
            return found.size() == rooms.size();
        });
        return found;
    }

    @Test
    void everyPresenceFrameOfAV2ConnectionNamesItsRoom() {
        ChatUser alice = ChatUser.register("alice");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));

        SocketClient socket = sockets.v2(base, alice);

        List<JsonNode> opening = socket.framesUntil(Chat.typeIn("presence", open));
        assertThat(opening).filteredOn(f -> Chat.isType(f, "presence")).allMatch(f -> f.hasNonNull("room"));
        assertThat(Chat.online(opening.get(opening.size() - 1))).containsExactly(alice.name());
    }
}
