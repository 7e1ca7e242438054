package io.chatterbox.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Editing and deleting your own messages, over HTTP and the socket; others' messages are out of reach. */
@QuarkusTest
class EditDeleteTest extends SocketTestBase {

    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private ChatUser alice;
    private ChatUser bob;
    private String room;
    private SocketClient aliceSocket;
    private SocketClient bobSocket;

    private void aliceAndBobInARoom() {
        alice = ChatUser.register("alice");
        bob = ChatUser.register("bob");
        room = Rooms.publicRoomWith(alice, "edit", bob);
        aliceSocket = sockets.v2Ready(base, alice);
        bobSocket = sockets.v2Ready(base, bob);
    }

    private JsonNode storedMessage(long id) {
        List<JsonNode> all = Chat.list(Chat.parse(
                Rooms.messages(alice.token(), room).statusCode(200).extract().asString()).get("messages"));
        return all.stream().filter(m -> m.get("id").asLong() == id).findFirst().orElseThrow();
    }

    @Test
    void editingMyMessageOverHttpSendsAnEditFrameToTheMembers() {
        aliceAndBobInARoom();
        JsonNode original = Chat.post(aliceSocket, room, "helo");
        long id = original.get("id").asLong();
        assertThat(original.has("edited")).as("absent until edited").isFalse();
        assertThat(original.has("deleted")).as("absent until deleted").isFalse();

        Rooms.edit(alice.token(), room, id, "hello").statusCode(200)
                .body("id", equalTo((int) id)).body("text", equalTo("hello")).body("room", equalTo(room))
                .body("username", equalTo(alice.name())).body("edited", matchesPattern(TIMESTAMP));

        for (SocketClient member : List.of(bobSocket, aliceSocket)) {
            JsonNode edit = Chat.await(member, Chat.typeIn("edit", room));
            assertThat(edit.get("id").asLong()).isEqualTo(id);
            assertThat(edit.get("text").asText()).isEqualTo("hello");
            assertThat(edit.get("username").asText()).isEqualTo(alice.name());
            assertThat(edit.get("timestamp").asText()).isEqualTo(original.get("timestamp").asText());
            assertThat(edit.get("edited").asText()).matches(TIMESTAMP);
        }
        JsonNode stored = storedMessage(id);
        assertThat(stored.get("text").asText()).isEqualTo("hello");
        assertThat(stored.get("edited").asText()).matches(TIMESTAMP);
    }

    @Test
    void editingMyMessageOverTheSocketWorksLikeHttp() {
        aliceAndBobInARoom();
        long id = Chat.postId(aliceSocket, room, "first draft");

        aliceSocket.sendJson(Chat.frame("edit", room, "id", id, "text", "final"));

        JsonNode edit = Chat.await(bobSocket, Chat.typeIn("edit", room));
        assertThat(edit.get("id").asLong()).isEqualTo(id);
        assertThat(edit.get("text").asText()).isEqualTo("final");
        assertThat(storedMessage(id).get("text").asText()).isEqualTo("final");
        JsonNode history = Chat.await(sockets.v2(base, bob), Chat.typeIn("history", room));
        assertThat(history.get("messages").get(0).get("edited").asText()).matches(TIMESTAMP);
    }

    @Test
    void nobodyEditsOrDeletesSomeoneElsesMessage() {
        aliceAndBobInARoom();
        long id = Chat.postId(aliceSocket, room, "mine");

        Rooms.edit(bob.token(), room, id, "yours now").statusCode(403).body("message", not(emptyOrNullString()));
        Rooms.delete(bob.token(), room, id).statusCode(403);
        bobSocket.sendJson(Chat.frame("edit", room, "id", id, "text", "yours now"));
        Chat.await(bobSocket, Chat.error("not_your_message"));
        bobSocket.sendJson(Chat.frame("delete", room, "id", id));
        Chat.await(bobSocket, Chat.error("not_your_message"));

        JsonNode stored = storedMessage(id);
        assertThat(stored.get("text").asText()).isEqualTo("mine");
        assertThat(stored.hasNonNull("edited")).isFalse();
        assertThat(stored.path("deleted").asBoolean()).isFalse();
    }

    @Test
    void deletingSendsADeleteFrameAndLeavesATombstone() {
        aliceAndBobInARoom();
        long id = Chat.postId(aliceSocket, room, "regrettable");

        Rooms.delete(alice.token(), room, id).statusCode(204);

        JsonNode delete = Chat.await(bobSocket, Chat.typeIn("delete", room));
        assertThat(delete.get("id").asLong()).isEqualTo(id);
        JsonNode stored = storedMessage(id);
        assertThat(stored.get("deleted").asBoolean()).isTrue();
        assertThat(stored.get("text").asText()).isEmpty();
        assertThat(stored.get("username").asText()).isEqualTo(alice.name());
        Rooms.delete(alice.token(), room, id).statusCode(204);
        JsonNode history = Chat.await(sockets.v2(base, bob), Chat.typeIn("history", room));
        assertThat(history.get("messages").get(0).get("deleted").asBoolean()).isTrue();
        assertThat(history.get("messages").get(0).get("text").asText()).isEmpty();
        assertThat(history.toString()).doesNotContain("regrettable");
    }

    @Test
    void deletingOverTheSocketWorksLikeHttp() {
        aliceAndBobInARoom();
        long id = Chat.postId(aliceSocket, room, "gone soon");

        aliceSocket.sendJson(Chat.frame("delete", room, "id", id));

        assertThat(Chat.await(bobSocket, Chat.typeIn("delete", room)).get("id").asLong()).isEqualTo(id);
        assertThat(storedMessage(id).get("deleted").asBoolean()).isTrue();
    }

    @Test
    void aDeletedMessageCannotBeEdited() {
        aliceAndBobInARoom();
        long id = Chat.postId(aliceSocket, room, "gone");
        Rooms.delete(alice.token(), room, id).statusCode(204);

        Rooms.edit(alice.token(), room, id, "back").statusCode(409).body("message", not(emptyOrNullString()));
        aliceSocket.sendJson(Chat.frame("edit", room, "id", id, "text", "back"));
        Chat.await(aliceSocket, Chat.error("message_deleted"));
        assertThat(storedMessage(id).get("text").asText()).isEmpty();
    }

    @Test
    void unknownMessagesAndBadTextAreRefused() {
        aliceAndBobInARoom();
        long id = Chat.postId(aliceSocket, room, "here");
        String other = Rooms.createPublic(alice.token(), Rooms.uniqueName("other"));
        long elsewhere = Chat.postId(aliceSocket, other, "in another room");

        Rooms.edit(alice.token(), room, elsewhere, "moved?").statusCode(404);
        Rooms.delete(alice.token(), room, elsewhere).statusCode(404);
        Rooms.edit(alice.token(), room, id, "   ").statusCode(400);
        Rooms.edit(alice.token(), room, id, "x".repeat(4001)).statusCode(400);
        aliceSocket.sendJson(Chat.frame("edit", room, "id", elsewhere, "text", "moved?"));
        Chat.await(aliceSocket, Chat.error("unknown_message"));
        aliceSocket.sendJson(Chat.frame("edit", room, "id", id, "text", ""));
        Chat.await(aliceSocket, Chat.error("invalid_text"));
        aliceSocket.sendJson(Chat.frame("delete", room));
        Chat.await(aliceSocket, Chat.error("invalid_id"));

        assertThat(storedMessage(id).get("text").asText()).isEqualTo("here");
    }
}
