package io.chatterbox.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Accounts;
import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** A private room is invisible to non-members: every endpoint and frame answers as if it did not exist. */
@QuarkusTest
class PrivateRoomAuthorizationTest extends SocketTestBase {

    @Test
    void everyEndpointAnswersANonMemberWith404LikeARoomThatDoesNotExist() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser eve = ChatUser.register("eve");
        String secret = Rooms.privateRoomWith(alice, "secret");
        long id = Chat.postId(sockets.v2Ready(base, alice), secret, "classified");
        String nowhere = Rooms.uniqueName("nowhere");

        Map<String, Function<String, ValidatableResponse>> endpoints = Map.of(
                "join", room -> Rooms.join(eve.token(), room),
                "leave", room -> Rooms.leave(eve.token(), room),
                "members", room -> Rooms.members(eve.token(), room),
                "invite", room -> Rooms.invite(eve.token(), room, eve.name()),
                "remove", room -> Rooms.remove(eve.token(), room, alice.name()),
                "messages", room -> Rooms.messages(eve.token(), room),
                "read", room -> Rooms.read(eve.token(), room, id),
                "edit", room -> Rooms.edit(eve.token(), room, id, "mine now"),
                "delete", room -> Rooms.delete(eve.token(), room, id),
                "search", room -> Rooms.search(eve.token(), Map.of("q", "classified", "room", room)));
        endpoints.forEach((name, call) -> {
            String hidden = String.valueOf(call.apply(secret).statusCode(404).extract().<String>path("message"));
            String missing = String.valueOf(call.apply(nowhere).statusCode(404).extract().<String>path("message"));
            assertThat(hidden.replace(secret, "<room>")).as("%s: the same answer as for no room", name)
                    .isEqualTo(missing.replace(nowhere, "<room>"));
        });
        Rooms.messages(alice.token(), secret).statusCode(200).body("messages.text", equalTo(List.of("classified")));
    }

    @Test
    void everyFrameAboutAPrivateRoomOfOthersIsAnsweredWithUnknownRoom() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser eve = ChatUser.register("eve");
        String secret = Rooms.privateRoomWith(alice, "secret");
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        long id = Chat.postId(aliceSocket, secret, "classified");
        SocketClient eveSocket = sockets.v2Ready(base, eve);

        for (Map<String, Object> frame : List.of(
                Chat.message(secret, "let me in"),
                Chat.frame("typing", secret),
                Chat.frame("read", secret, "id", id),
                Chat.frame("history", secret, "before", id + 1, "limit", 10),
                Chat.frame("edit", secret, "id", id, "text", "mine now"),
                Chat.frame("delete", secret, "id", id))) {
            eveSocket.sendJson(frame);
            JsonNode error = Chat.await(eveSocket, f -> Chat.isType(f, "error"));
            assertThat(error.get("code").asText()).as("answer to %s", frame.get("type")).isEqualTo("unknown_room");
        }

        String marker = Chat.sendMarker(aliceSocket, secret);
        List<JsonNode> aliceSaw = Chat.framesUntilMarker(aliceSocket, marker);
        assertThat(aliceSaw).as("eve's typing is not forwarded").noneMatch(Chat.typeIn("typing", secret));
        Rooms.messages(alice.token(), secret).statusCode(200).body("messages.text", equalTo(List.of("classified", marker)));
    }

    @Test
    void aPrivateRoomIsAbsentFromTheRoomsDirectoryAndSearchOfNonMembers() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser eve = ChatUser.register("eve");
        String secret = Rooms.privateRoomWith(alice, "secret");
        String word = Rooms.uniqueWord();
        Chat.post(sockets.v2Ready(base, alice), secret, "the " + word + " plan");

        assertThat(Rooms.myRoomIds(eve.token())).doesNotContain(secret);
        assertThat(Rooms.directoryIds(eve.token())).doesNotContain(secret);
        assertThat(Rooms.searchTexts(eve.token(), word)).isEmpty();
        assertThat(Rooms.searchTexts(alice.token(), word)).as("the member finds it").containsExactly("the " + word + " plan");
        assertThat(sockets.v2(base, eve).next("rooms").toString()).doesNotContain(secret);
    }

    @Test
    void theOwnerInvitesAndRemovesMembers() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String secret = Rooms.privateRoomWith(alice, "secret");
        SocketClient bobSocket = sockets.v2Ready(base, bob);

        Rooms.invite(alice.token(), secret, bob.name()).statusCode(201)
                .body("username", equalTo(bob.name())).body("owner", equalTo(false)).body("online", equalTo(true));
        Rooms.invite(alice.token(), secret, bob.name()).statusCode(200).body("username", equalTo(bob.name()));
        JsonNode joined = Chat.await(bobSocket, f -> Chat.isType(f, "room_joined"));
        assertThat(joined.get("room").get("room").asText()).isEqualTo(secret);
        assertThat(joined.get("room").get("kind").asText()).isEqualTo("private");
        assertThat(Rooms.myRoomIds(bob.token())).contains(secret);
        Rooms.members(bob.token(), secret).statusCode(200).body("members.username", equalTo(List.of(alice.name(), bob.name())));

        Rooms.remove(alice.token(), secret, bob.name()).statusCode(204);

        assertThat(Rooms.myRoomIds(bob.token())).doesNotContain(secret);
        Rooms.messages(bob.token(), secret).statusCode(404);
        Rooms.remove(alice.token(), secret, bob.name()).statusCode(404);
    }

    @Test
    void onlyTheOwnerMayInviteOrRemoveAndNobodyRemovesTheOwner() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        ChatUser carol = ChatUser.register("carol");
        String secret = Rooms.privateRoomWith(alice, "secret", bob);

        Rooms.invite(bob.token(), secret, carol.name()).statusCode(403);
        Rooms.remove(bob.token(), secret, alice.name()).statusCode(403);
        Rooms.remove(alice.token(), secret, alice.name()).statusCode(400);
        Rooms.invite(alice.token(), secret, Accounts.uniqueName("ghost")).statusCode(404);
        Rooms.invite(alice.token(), "general", carol.name()).statusCode(400);

        Rooms.members(alice.token(), secret).body("members.username", equalTo(List.of(alice.name(), bob.name())));
    }

    @Test
    void aRemovedMembersSocketGetsRoomLeftAndNothingMoreOfTheRoom() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String secret = Rooms.privateRoomWith(alice, "secret", bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        Chat.post(aliceSocket, secret, "while bob is here");
        Chat.await(bobSocket, Chat.messageWithText("while bob is here"));

        Rooms.remove(alice.token(), secret, bob.name()).statusCode(204);

        JsonNode left = Chat.await(bobSocket, f -> Chat.isType(f, "room_left"));
        assertThat(left.get("room").asText()).isEqualTo(secret);
        assertThat(left.get("reason").asText()).isEqualTo("removed");
        Chat.post(aliceSocket, secret, "after bob is gone");
        aliceSocket.sendJson(Chat.frame("typing", secret));
        List<JsonNode> seen = Chat.framesUntilMarker(aliceSocket, "general", bobSocket);
        assertThat(seen).noneMatch(f -> secret.equals(Chat.roomOf(f)));
        bobSocket.sendJson(Chat.message(secret, "still here?"));
        Chat.await(bobSocket, Chat.error("unknown_room"));
    }

    @Test
    void aMembersPostReachesTheOtherMembersOnly() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        ChatUser carol = ChatUser.register("carol");
        String secret = Rooms.privateRoomWith(alice, "secret", bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        SocketClient carolSocket = sockets.v2Ready(base, carol);

        JsonNode sent = Chat.post(bobSocket, secret, "members only");

        JsonNode received = Chat.await(aliceSocket, Chat.messageWithText("members only"));
        assertThat(received).isEqualTo(sent);
        assertThat(received.get("room").asText()).isEqualTo(secret);
        List<JsonNode> carolSaw = Chat.framesUntilMarker(bobSocket, "general", carolSocket);
        assertThat(carolSaw).noneMatch(f -> secret.equals(Chat.roomOf(f)))
                .noneMatch(f -> f.toString().contains("members only"));
    }
}
