package io.chatterbox.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.OpenSockets.TwoInARoom;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Unread counts and read markers: others' undeleted messages after the marker; the marker never moves back. */
@QuarkusTest
class UnreadTest extends SocketTestBase {

    private static JsonNode descriptorIn(JsonNode roomsFrame, String room) {
        return Chat.list(roomsFrame.get("rooms")).stream().filter(r -> room.equals(r.get("room").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(room + " not in " + roomsFrame));
    }

    @Test
    void unreadIsCountedUpToAHundred() {
        TwoInARoom two = sockets.twoInAPublicRoom(base, "backlog");
        String room = two.room();
        long newest = 0;
        for (int i = 0; i < 105; i++) {
            newest = Chat.postId(two.aliceSocket(), room, "backlog " + i);
        }

        assertThat(Rooms.descriptorNumber(two.bob().token(), room, "unread")).as("counted up to 100").isEqualTo(100);
        assertThat(Rooms.descriptorNumber(two.bob().token(), room, "lastMessageId")).isEqualTo(newest);
        JsonNode roomsFrame = sockets.v2(base, two.bob()).next("rooms");
        assertThat(descriptorIn(roomsFrame, room).get("unread").asLong()).isEqualTo(100);
    }

    @Test
    void unreadCountsOthersMessagesButNotMineAndNotDeletedOnes() {
        TwoInARoom two = sockets.twoInAPublicRoom(base, "unread");
        String room = two.room();
        String bobsToken = two.bob().token();
        long first = Chat.postId(two.aliceSocket(), room, "one");
        Chat.postId(two.aliceSocket(), room, "two");
        long third = Chat.postId(two.aliceSocket(), room, "three");
        long mine = Chat.postId(two.bobSocket(), room, "bob's own");

        assertThat(Rooms.descriptorNumber(bobsToken, room, "unread")).isEqualTo(3);
        assertThat(Rooms.descriptorNumber(bobsToken, room, "lastReadId")).isZero();
        assertThat(Rooms.descriptorNumber(bobsToken, room, "lastMessageId")).isEqualTo(mine);
        assertThat(Rooms.descriptorNumber(two.alice().token(), room, "unread")).as("bob's one message").isEqualTo(1);

        Rooms.delete(two.alice().token(), room, first).statusCode(204);

        assertThat(Rooms.descriptorNumber(bobsToken, room, "unread")).isEqualTo(2);
        JsonNode roomsFrame = sockets.v2(base, two.bob()).next("rooms");
        assertThat(descriptorIn(roomsFrame, room).get("unread").asLong()).isEqualTo(2);
        assertThat(descriptorIn(roomsFrame, room).get("lastMessageId").asLong()).isEqualTo(mine);

        Rooms.read(bobsToken, room, third).statusCode(200)
                .body("room", equalTo(room)).body("lastReadId", equalTo((int) third)).body("unread", equalTo(0));
        assertThat(Rooms.descriptorNumber(bobsToken, room, "unread")).isZero();
    }

    @Test
    void aReadFrameOnOneConnectionClearsTheBadgeOnTheUsersOtherConnections() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, "unread", bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobTab1 = sockets.v2Ready(base, bob);
        SocketClient bobTab2 = sockets.v2Ready(base, bob);
        Chat.postId(aliceSocket, room, "one");
        long last = Chat.postId(aliceSocket, room, "two");

        bobTab1.sendJson(Chat.frame("read", room, "id", last));

        for (SocketClient tab : List.of(bobTab2, bobTab1)) {
            JsonNode read = Chat.await(tab, Chat.typeIn("read", room));
            assertThat(read.get("lastReadId").asLong()).isEqualTo(last);
            assertThat(read.get("unread").asLong()).isZero();
        }
        assertThat(Rooms.descriptorNumber(bob.token(), room, "lastReadId")).isEqualTo(last);
        assertThat(Chat.framesUntilMarker(aliceSocket, room, aliceSocket)).as("bob's read marker is his alone")
                .noneMatch(f -> Chat.isType(f, "read"));
    }

    @Test
    void readingOverHttpAlsoUpdatesTheV2Connections() {
        TwoInARoom two = sockets.twoInAPublicRoom(base, "unread");
        long last = Chat.postId(two.aliceSocket(), two.room(), "one");

        Rooms.read(two.bob().token(), two.room(), last).statusCode(200);

        JsonNode read = Chat.await(two.bobSocket(), Chat.typeIn("read", two.room()));
        assertThat(read.get("lastReadId").asLong()).isEqualTo(last);
        assertThat(read.get("unread").asLong()).isZero();
    }

    @Test
    void theReadMarkerNeverMovesBackwards() {
        TwoInARoom two = sockets.twoInAPublicRoom(base, "unread");
        String room = two.room();
        String bobsToken = two.bob().token();
        SocketClient bobSocket = two.bobSocket();
        long first = Chat.postId(two.aliceSocket(), room, "one");
        long last = Chat.postId(two.aliceSocket(), room, "two");
        Rooms.read(bobsToken, room, last).statusCode(200);

        Rooms.read(bobsToken, room, first).statusCode(200)
                .body("lastReadId", equalTo((int) last)).body("unread", equalTo(0));
        bobSocket.sendJson(Chat.frame("read", room, "id", first));

        List<JsonNode> seen = Chat.framesUntilMarker(bobSocket, room, bobSocket);
        assertThat(seen).filteredOn(Chat.typeIn("read", room))
                .allSatisfy(f -> assertThat(f.get("lastReadId").asLong()).isEqualTo(last));
        assertThat(Rooms.descriptorNumber(bobsToken, room, "lastReadId")).isEqualTo(last);
        assertThat(Rooms.descriptorNumber(bobsToken, room, "unread")).isZero();
    }

    @Test
    void aReadWithoutAnIdIsRefused() {
        ChatUser alice = ChatUser.register("alice");
        String room = Rooms.createPublic(alice.token(), Rooms.uniqueName("unread"));
        SocketClient socket = sockets.v2Ready(base, alice);

        Rooms.as(alice.token()).contentType("application/json").body(Map.of()).pathParam("room", room)
                .post("/api/rooms/{room}/read").then().statusCode(400);
        socket.sendJson(Chat.frame("read", room));
        Chat.await(socket, Chat.error("invalid_id"));
        socket.sendJson(Chat.frame("read", room, "id", "latest"));
        Chat.await(socket, Chat.error("invalid_id"));
    }
}
