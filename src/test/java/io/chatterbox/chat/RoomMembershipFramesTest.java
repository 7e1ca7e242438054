package io.chatterbox.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** What a v2 socket sees of rooms: the opening frames, room_joined, room_left and members changes. */
@QuarkusTest
class RoomMembershipFramesTest extends SocketTestBase {

    @Test
    void aV2ConnectionOpensWithRoomsThenAHistoryPerRoomThenAPresencePerRoom() {
        ChatUser alice = ChatUser.register("alice");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));
        String secret = Rooms.createPrivate(alice.token(), Rooms.uniqueName("secret"));
        SocketClient writer = sockets.v2Ready(base, alice);
        long said = Chat.postId(writer, open, "before you came");

        SocketClient socket = sockets.v2(base, alice);

        JsonNode rooms = socket.next();
        assertThat(rooms.get("type").asText()).isEqualTo("rooms");
        List<String> ids = Chat.list(rooms.get("rooms")).stream().map(r -> r.get("room").asText()).toList();
        assertThat(ids).containsExactly("general", open, secret);
        JsonNode openDescriptor = rooms.get("rooms").get(1);
        assertThat(openDescriptor.get("kind").asText()).isEqualTo("public");
        assertThat(openDescriptor.get("owner").asText()).isEqualTo(alice.name());
        assertThat(openDescriptor.get("lastMessageId").asLong()).isEqualTo(said);
        assertThat(rooms.get("rooms").get(2).get("kind").asText()).isEqualTo("private");

        Set<String> histories = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode history = socket.next();
            assertThat(history.get("type").asText()).as("frame %d after rooms", i + 1).isEqualTo("history");
            histories.add(history.get("room").asText());
            if (open.equals(history.get("room").asText())) {
                assertThat(Chat.ids(history)).containsExactly(said);
            }
        }
        assertThat(histories).containsExactlyInAnyOrderElementsOf(ids);

        Set<String> presences = new HashSet<>();
        while (presences.size() < ids.size()) {
            JsonNode presence = socket.next();
            assertThat(presence.get("type").asText()).as("only presence frames follow the histories").isEqualTo("presence");
            presences.add(presence.get("room").asText());
        }
        assertThat(presences).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void creatingARoomAnnouncesItOnMyV2ConnectionsWithItsHistoryAndPresence() {
        ChatUser alice = ChatUser.register("alice");
        SocketClient socket = sockets.v2Ready(base, alice);

        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));

        JsonNode joined = Chat.await(socket, f -> Chat.isType(f, "room_joined"));
        assertThat(joined.get("room").get("room").asText()).isEqualTo(open);
        assertThat(joined.get("room").get("owner").asText()).isEqualTo(alice.name());
        JsonNode history = Chat.await(socket, f -> Chat.isType(f, "history"));
        assertThat(history.get("room").asText()).as("the history after room_joined").isEqualTo(open);
        assertThat(history.get("messages")).isEmpty();
        JsonNode presence = Chat.await(socket, Chat.typeIn("presence", open));
        assertThat(Chat.online(presence)).containsExactly(alice.name());
    }

    @Test
    void joiningSendsTheRoomToTheJoinerAndAMembersChangeToTheOthers() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        long earlier = Chat.postId(aliceSocket, open, "earlier");
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        Rooms.join(bob.token(), open).statusCode(200);

        JsonNode joined = Chat.await(bobSocket, f -> Chat.isType(f, "room_joined"));
        assertThat(joined.get("room").get("room").asText()).isEqualTo(open);
        JsonNode history = Chat.await(bobSocket, f -> Chat.isType(f, "history"));
        assertThat(history.get("room").asText()).as("the history after room_joined").isEqualTo(open);
        assertThat(Chat.ids(history)).containsExactly(earlier);
        assertThat(Chat.online(Chat.await(bobSocket, Chat.typeIn("presence", open)))).contains(alice.name(), bob.name());

        JsonNode change = Chat.await(aliceSocket, Chat.typeIn("members", open));
        assertThat(change.get("username").asText()).isEqualTo(bob.name());
        assertThat(change.get("change").asText()).isEqualTo("joined");

        Chat.post(aliceSocket, open, "welcome");
        Chat.await(bobSocket, Chat.messageWithText("welcome").and(Chat.typeIn("message", open)));
    }

    @Test
    void leavingSendsRoomLeftToTheLeaverAndNothingMoreOfThatRoom() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String open = Rooms.publicRoomWith(alice, "open", bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        Rooms.leave(bob.token(), open).statusCode(204);

        JsonNode left = Chat.await(bobSocket, f -> Chat.isType(f, "room_left"));
        assertThat(left.get("room").asText()).isEqualTo(open);
        assertThat(left.get("reason").asText()).isEqualTo("left");
        JsonNode change = Chat.await(aliceSocket, Chat.typeIn("members", open));
        assertThat(change.get("username").asText()).isEqualTo(bob.name());
        assertThat(change.get("change").asText()).isEqualTo("left");

        Chat.post(aliceSocket, open, "after bob left");
        aliceSocket.sendJson(Chat.frame("typing", open));
        List<JsonNode> seen = Chat.framesUntilMarker(aliceSocket, "general", bobSocket);
        assertThat(seen).as("frames of %s after room_left", open).noneMatch(f -> open.equals(Chat.roomOf(f)));
    }

    @Test
    void postingToAPublicRoomIHaveNotJoinedIsRefusedWithNotAMember() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        bobSocket.sendJson(Chat.message(open, "let me in"));
        Chat.await(bobSocket, Chat.error("not_a_member"));
        bobSocket.sendJson(Chat.message(Rooms.uniqueName("nowhere"), "hello?"));
        Chat.await(bobSocket, Chat.error("unknown_room"));

        Chat.post(aliceSocket, open, "marker");
        Rooms.messages(alice.token(), open).statusCode(200)
                .body("messages.text", equalTo(List.of("marker")));
    }
}
