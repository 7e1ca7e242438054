package io.chatterbox.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.OpenSockets.TwoInARoom;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Typing: forwarded to the room's other members, at most once per user and room per typing-interval (2 s by
 * default), refused for non-members, and never stored.
 */
@QuarkusTest
class TypingTest extends SocketTestBase {

    private static boolean typing(JsonNode frame, String room, ChatUser who) {
        return Chat.typeIn("typing", room).test(frame) && who.name().equals(frame.path("username").asText());
    }

    @Test
    void typingReachesTheOtherMembersButNotTheTypistsOwnConnections() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, "typing", bob);
        SocketClient aliceTab1 = sockets.v2Ready(base, alice);
        SocketClient aliceTab2 = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        aliceTab1.sendJson(Chat.frame("typing", room));

        JsonNode typing = Chat.await(bobSocket, Chat.typeIn("typing", room));
        assertThat(typing.get("username").asText()).isEqualTo(alice.name());
        String marker = Chat.sendMarker(aliceTab1, room);
        for (SocketClient tab : List.of(aliceTab1, aliceTab2)) {
            assertThat(Chat.framesUntilMarker(tab, marker)).noneMatch(f -> Chat.isType(f, "typing"));
        }
    }

    @Test
    void typingFramesWithinTheIntervalAreForwardedOnce() {
        TwoInARoom two = sockets.twoInAPublicRoom(base, "typing");
        String room = two.room();
        SocketClient aliceSocket = two.aliceSocket();

        aliceSocket.sendJson(Chat.frame("typing", room));
        aliceSocket.sendJson(Chat.frame("typing", room));
        aliceSocket.sendJson(Chat.frame("typing", room));
        String marker = Chat.sendMarker(aliceSocket, room);

        List<JsonNode> seen = Chat.framesUntilMarker(two.bobSocket(), marker);
        assertThat(seen).filteredOn(f -> typing(f, room, two.alice())).hasSize(1);
        assertThat(Chat.framesUntilMarker(aliceSocket, marker)).as("dropped silently, no error")
                .noneMatch(f -> Chat.isType(f, "error"));
    }

    @Test
    void theThrottleIsPerUserAndRoom() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, "typing", bob);
        String other = Rooms.publicRoomWith(alice, "typing", bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        aliceSocket.sendJson(Chat.frame("typing", room));
        Chat.await(bobSocket, f -> typing(f, room, alice));
        aliceSocket.sendJson(Chat.frame("typing", other));
        Chat.await(bobSocket, f -> typing(f, other, alice));
        bobSocket.sendJson(Chat.frame("typing", room));
        Chat.await(aliceSocket, f -> typing(f, room, bob));
    }

    /** alice's first typing frame of the room, already forwarded to bob. */
    private static void aliceTypedOnce(TwoInARoom two) {
        two.aliceSocket().sendJson(Chat.frame("typing", two.room()));
        Chat.await(two.bobSocket(), f -> typing(f, two.room(), two.alice()));
    }

    @Test
    void typingIsForwardedAgainOnceTheIntervalHasPassed() {
        TwoInARoom two = sockets.twoInAPublicRoom(base, "typing");
        aliceTypedOnce(two);

        // Keep typing, as a client does; within a few intervals a second announcement must get through.
        Awaitility.await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
            two.aliceSocket().sendJson(Chat.frame("typing", two.room()));
            return two.bobSocket().pending().stream().anyMatch(f -> typing(f, two.room(), two.alice()));
        });
    }

    @Test
    void aNonMemberCannotAnnounceTyping() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser mallory = ChatUser.register("mallory");
        String room = Rooms.publicRoomWith(alice, "typing");
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient mallorySocket = sockets.v2Ready(base, mallory);

        mallorySocket.sendJson(Chat.frame("typing", room));
        Chat.await(mallorySocket, Chat.error("not_a_member"));
        mallorySocket.sendJson(Chat.frame("typing", Rooms.uniqueName("nowhere")));
        Chat.await(mallorySocket, Chat.error("unknown_room"));

        assertThat(Chat.framesUntilMarker(mallorySocket, "general", aliceSocket)).noneMatch(f -> Chat.isType(f, "typing"));
    }

    @Test
    void typingIsNeverStored() {
        TwoInARoom two = sockets.twoInAPublicRoom(base, "typing");
        String room = two.room();
        aliceTypedOnce(two);
        long id = Chat.postId(two.aliceSocket(), room, "only this");

        Rooms.messages(two.bob().token(), room).statusCode(200)
                .body("messages.text", equalTo(List.of("only this")));
        assertThat(Rooms.descriptorNumber(two.bob().token(), room, "lastMessageId")).isEqualTo(id);
        SocketClient later = sockets.v2(base, two.bob());
        JsonNode history = Chat.await(later, Chat.typeIn("history", room));
        assertThat(Chat.list(history.get("messages"))).extracting(m -> m.get("type").asText()).containsExactly("message");
    }
}
