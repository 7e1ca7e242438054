package io.chatterbox.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.realtime.ConnectionRegistry;
import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.OpenSockets;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** v2 presence is per room: who of the room's members is online, counted per person, never leaking outsiders. */
@QuarkusTest
class PresenceTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ConnectionRegistry registry;

    private final OpenSockets sockets = new OpenSockets();

    @AfterEach
    void closeSockets() {
        sockets.closeAll();
    }

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
        Chat.await(bobSocket, f -> Chat.typeIn("presence", secret).test(f) && Chat.online(f).contains(alice.name()));
        assertThat(Chat.framesUntilMarker(carolSocket, "general", carolSocket)).noneMatch(f -> secret.equals(Chat.roomOf(f)));
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
            Chat.await(aliceSocket, f -> Chat.typeIn("presence", secret).test(f) && Chat.online(f).contains(bob.name()));

            bobTab1.close();
            Awaitility.await().atMost(SocketClient.TIMEOUT).until(() -> registry.connectionsOf(bob.name()).size() == 1);
            // A later change in the room (dave arrives) proves the list as it stands after the close.
            Rooms.invite(alice.token(), secret, dave.name()).statusCode(201);
            sockets.v2Ready(base, dave);
            List<JsonNode> seen = aliceSocket.framesUntil(f -> Chat.typeIn("presence", secret).test(f)
                    && Chat.online(f).contains(dave.name()));
            assertThat(seen).filteredOn(Chat.typeIn("presence", secret))
                    .allSatisfy(f -> assertThat(Chat.online(f)).as("one tab still open").contains(bob.name()));
            Rooms.members(alice.token(), secret).body("members.find { it.username == '" + bob.name() + "' }.online", equalTo(true));

            bobTab2.close();

            JsonNode after = Chat.await(aliceSocket, f -> Chat.typeIn("presence", secret).test(f)
                    && !Chat.online(f).contains(bob.name()));
            assertThat(Chat.online(after)).containsExactly(alice.name(), dave.name());
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

        SocketClient strangerSocket = sockets.v2Ready(base, stranger);
        List<JsonNode> seen = new ArrayList<>(aliceSocket.framesUntil(f -> Chat.typeIn("presence", "general").test(f)
                && Chat.online(f).contains(stranger.name())));
        strangerSocket.close();
        seen.addAll(aliceSocket.framesUntil(f -> Chat.typeIn("presence", "general").test(f)
                && !Chat.online(f).contains(stranger.name())));

        assertThat(seen).filteredOn(f -> Chat.isType(f, "presence") && !"general".equals(Chat.roomOf(f)))
                .allSatisfy(f -> assertThat(Chat.online(f)).doesNotContain(stranger.name()));
        assertThat(seen).filteredOn(Chat.typeIn("presence", secret))
                .allSatisfy(f -> assertThat(Chat.online(f)).containsExactly(alice.name()));
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
