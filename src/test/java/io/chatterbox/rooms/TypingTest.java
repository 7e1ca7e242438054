package io.chatterbox.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.OpenSockets;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Typing: forwarded to the room's other members, at most once per user and room per typing-interval (2 s by
 * default), refused for non-members, and never stored.
 */
@QuarkusTest
class TypingTest {

    @TestHTTPResource("/")
    URI base;

    private final OpenSockets sockets = new OpenSockets();

    @AfterEach
    void closeSockets() {
        sockets.closeAll();
    }

    private static boolean typing(JsonNode frame, String room, ChatUser who) {
        return Chat.typeIn("typing", room).test(frame) && who.name().equals(frame.path("username").asText());
    }

    private String roomOf(ChatUser owner, ChatUser... members) {
        String room = Rooms.createPublic(owner.token(), Rooms.uniqueName("typing"));
        for (ChatUser member : members) {
            Rooms.join(member.token(), room).statusCode(200);
        }
        return room;
    }

    @Test
    void typingReachesTheOtherMembersButNotTheTypistsOwnConnections() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = roomOf(alice, bob);
        SocketClient aliceTab1 = sockets.v2Ready(base, alice);
        SocketClient aliceTab2 = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        aliceTab1.sendJson(Chat.frame("typing", room));

        JsonNode typing = Chat.await(bobSocket, Chat.typeIn("typing", room));
        assertThat(typing.get("username").asText()).isEqualTo(alice.name());
        aliceTab1.sendJson(Chat.message(room, "marker"));
        for (SocketClient tab : List.of(aliceTab1, aliceTab2)) {
            assertThat(tab.framesUntil(Chat.messageWithText("marker"))).noneMatch(f -> Chat.isType(f, "typing"));
        }
    }

    @Test
    void typingFramesWithinTheIntervalAreForwardedOnce() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = roomOf(alice, bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        aliceSocket.sendJson(Chat.frame("typing", room));
        aliceSocket.sendJson(Chat.frame("typing", room));
        aliceSocket.sendJson(Chat.frame("typing", room));
        aliceSocket.sendJson(Chat.message(room, "marker"));

        List<JsonNode> seen = bobSocket.framesUntil(Chat.messageWithText("marker"));
        assertThat(seen).filteredOn(f -> typing(f, room, alice)).hasSize(1);
        assertThat(aliceSocket.framesUntil(Chat.messageWithText("marker"))).as("dropped silently, no error")
                .noneMatch(f -> Chat.isType(f, "error"));
    }

    @Test
    void theThrottleIsPerUserAndRoom() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = roomOf(alice, bob);
        String other = roomOf(alice, bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        aliceSocket.sendJson(Chat.frame("typing", room));
        Chat.await(bobSocket, f -> typing(f, room, alice));
        aliceSocket.sendJson(Chat.frame("typing", other));
        Chat.await(bobSocket, f -> typing(f, other, alice));
        bobSocket.sendJson(Chat.frame("typing", room));
        Chat.await(aliceSocket, f -> typing(f, room, bob));
    }

    @Test
    void typingIsForwardedAgainOnceTheIntervalHasPassed() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = roomOf(alice, bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        aliceSocket.sendJson(Chat.frame("typing", room));
        Chat.await(bobSocket, f -> typing(f, room, alice));

        // Keep typing, as a client does; within a few intervals a second announcement must get through.
        Awaitility.await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
            aliceSocket.sendJson(Chat.frame("typing", room));
            return bobSocket.pending().stream().anyMatch(f -> typing(f, room, alice));
        });
    }

    @Test
    void aNonMemberCannotAnnounceTyping() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser mallory = ChatUser.register("mallory");
        String room = roomOf(alice);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient mallorySocket = sockets.v2Ready(base, mallory);

        mallorySocket.sendJson(Chat.frame("typing", room));
        Chat.await(mallorySocket, Chat.error("not_a_member"));
        mallorySocket.sendJson(Chat.frame("typing", Rooms.uniqueName("nowhere")));
        Chat.await(mallorySocket, Chat.error("unknown_room"));

        mallorySocket.sendJson(Chat.message("general", "marker " + room));
        assertThat(aliceSocket.framesUntil(Chat.messageWithText("marker " + room))).noneMatch(f -> Chat.isType(f, "typing"));
    }

    @Test
    void typingIsNeverStored() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = roomOf(alice, bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        aliceSocket.sendJson(Chat.frame("typing", room));
        Chat.await(bobSocket, f -> typing(f, room, alice));
        long id = Chat.postId(aliceSocket, room, "only this");

        Rooms.messages(bob.token(), room).statusCode(200)
                .body("messages.text", equalTo(List.of("only this")));
        assertThat(((Number) Rooms.descriptor(bob.token(), room).orElseThrow().get("lastMessageId")).longValue()).isEqualTo(id);
        SocketClient later = sockets.v2(base, bob);
        JsonNode history = Chat.await(later, Chat.typeIn("history", room));
        assertThat(Chat.list(history.get("messages"))).extracting(m -> m.get("type").asText()).containsExactly("message");
    }
}
