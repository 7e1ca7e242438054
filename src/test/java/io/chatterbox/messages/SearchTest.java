package io.chatterbox.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Search: whole words and prefixes, in the rooms you are a member of, by current text, never deleted messages. */
@QuarkusTest
class SearchTest extends SocketTestBase {

    @Test
    void findsMessagesByWholeWordAndByWordPrefix() {
        ChatUser alice = ChatUser.register("alice");
        String room = Rooms.createPublic(alice.token(), Rooms.uniqueName("search"));
        String word = Rooms.uniqueWord();
        long id = Chat.postId(sockets.v2Ready(base, alice), room, "Meet the " + word + " at noon");

        Rooms.search(alice.token(), Map.of("q", word)).statusCode(200)
                .body("results.id", equalTo(List.of((int) id)))
                .body("results[0].room", equalTo(room))
                .body("results[0].username", equalTo(alice.name()))
                .body("results[0].text", equalTo("Meet the " + word + " at noon"));
        assertThat(Rooms.searchTexts(alice.token(), word.substring(0, 8))).as("a prefix").contains("Meet the " + word + " at noon");
        assertThat(Rooms.searchTexts(alice.token(), word.substring(4))).as("not the middle of a word").isEmpty();
        assertThat(Rooms.searchTexts(alice.token(), word + "s")).as("not a longer word").isEmpty();
    }

    @Test
    void wordsShorterThanThreeCharactersMatchOnlyWholeWords() {
        ChatUser alice = ChatUser.register("alice");
        String room = Rooms.createPublic(alice.token(), Rooms.uniqueName("short"));
        String word = Rooms.uniqueWord();
        SocketClient socket = sockets.v2Ready(base, alice);
        Chat.postId(socket, room, "zq " + word);
        Chat.postId(socket, room, "zqx " + word);

        assertThat(Rooms.searchTexts(alice.token(), "zq " + word)).as("a two-letter word, whole").containsExactly("zq " + word);
        assertThat(Rooms.searchTexts(alice.token(), "zqx " + word)).containsExactly("zqx " + word);
        assertThat(Rooms.searchTexts(alice.token(), word.substring(0, 3))).as("three letters: a prefix")
                .containsExactlyInAnyOrder("zq " + word, "zqx " + word);
    }

    @Test
    void onlyRoomsIAmAMemberOfAreSearched() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String secret = Rooms.createPrivate(alice.token(), Rooms.uniqueName("secret"));
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));
        String word = Rooms.uniqueWord();
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        Chat.post(aliceSocket, secret, "private " + word);
        Chat.post(aliceSocket, open, "public " + word);

        assertThat(Rooms.searchTexts(alice.token(), word)).containsExactlyInAnyOrder("private " + word, "public " + word);
        assertThat(Rooms.searchTexts(bob.token(), word)).as("bob is in neither room").isEmpty();
        Rooms.join(bob.token(), open).statusCode(200);
        assertThat(Rooms.searchTexts(bob.token(), word)).containsExactly("public " + word);
        Rooms.search(bob.token(), Map.of("q", word, "room", secret)).statusCode(404);
    }

    @Test
    void theRoomParameterRestrictsTheSearchToThatRoom() {
        ChatUser alice = ChatUser.register("alice");
        String one = Rooms.createPublic(alice.token(), Rooms.uniqueName("one"));
        String two = Rooms.createPublic(alice.token(), Rooms.uniqueName("two"));
        String word = Rooms.uniqueWord();
        SocketClient socket = sockets.v2Ready(base, alice);
        Chat.post(socket, one, "in one " + word);
        Chat.post(socket, two, "in two " + word);

        Rooms.search(alice.token(), Map.of("q", word, "room", two)).statusCode(200)
                .body("results.text", equalTo(List.of("in two " + word)));
    }

    @Test
    void deletedMessagesAreNotFoundAndEditedOnesAreFoundByTheirNewText() {
        ChatUser alice = ChatUser.register("alice");
        String room = Rooms.createPublic(alice.token(), Rooms.uniqueName("search"));
        String old = Rooms.uniqueWord();
        String fresh = Rooms.uniqueWord();
        String gone = Rooms.uniqueWord();
        SocketClient socket = sockets.v2Ready(base, alice);
        long edited = Chat.postId(socket, room, "say " + old);
        long deleted = Chat.postId(socket, room, "say " + gone);

        Rooms.edit(alice.token(), room, edited, "say " + fresh).statusCode(200);
        Rooms.delete(alice.token(), room, deleted).statusCode(204);

        assertThat(Rooms.searchTexts(alice.token(), old)).isEmpty();
        assertThat(Rooms.searchTexts(alice.token(), fresh)).containsExactly("say " + fresh);
        assertThat(Rooms.searchTexts(alice.token(), gone)).isEmpty();
    }

    @Test
    void equallyGoodMatchesComeNewestFirstAndLimitCapsThem() {
        ChatUser alice = ChatUser.register("alice");
        String room = Rooms.createPublic(alice.token(), Rooms.uniqueName("search"));
        String word = Rooms.uniqueWord();
        SocketClient socket = sockets.v2Ready(base, alice);
        long older = Chat.postId(socket, room, word);
        long middle = Chat.postId(socket, room, word);
        long newer = Chat.postId(socket, room, word);

        Rooms.search(alice.token(), Map.of("q", word)).statusCode(200)
                .body("results.id", equalTo(List.of((int) newer, (int) middle, (int) older)));
        Rooms.search(alice.token(), Map.of("q", word, "limit", 2)).statusCode(200)
                .body("results.id", equalTo(List.of((int) newer, (int) middle)));
    }

    @Test
    void anEmptyOrOverlongQueryOrABadLimitIsRefused() {
        ChatUser alice = ChatUser.register("alice");

        for (Map<String, ?> bad : List.of(Map.of("q", ""), Map.<String, Object>of(), Map.of("q", "x".repeat(201)),
                Map.of("q", "hello", "limit", 0), Map.of("q", "hello", "limit", 51))) {
            Rooms.search(alice.token(), bad).statusCode(400).body("message", not(emptyOrNullString()));
        }
        Rooms.search(alice.token(), Map.of("q", "x".repeat(200), "limit", 50)).statusCode(200);
        Rooms.search(alice.token(), Map.of("q", "hello", "room", Rooms.uniqueName("nowhere"))).statusCode(404);
    }

    @Test
    void searchingAPublicRoomIHaveNotJoinedIsForbidden() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));
        String word = Rooms.uniqueWord();
        Chat.post(sockets.v2Ready(base, alice), open, word);

        ExtractableResponse<Response> answer = Rooms.search(bob.token(), Map.of("q", word, "room", open)).extract();
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(403);
        Rooms.join(bob.token(), open).statusCode(200);
        Rooms.search(bob.token(), Map.of("q", word, "room", open)).statusCode(200).body("results.text", equalTo(List.of(word)));
    }
}
