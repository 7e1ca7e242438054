package io.chatterbox.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Paging through a room's history with before/after/limit, over HTTP and with socket history frames. */
@QuarkusTest
class PagingTest extends SocketTestBase {

    private ChatUser alice;
    private String room;
    private SocketClient socket;
    private final List<Long> ids = new ArrayList<>();

    /** A room with seven messages, m0 … m6. */
    private void roomWithSevenMessages() {
        alice = ChatUser.register("alice");
        room = Rooms.createPublic(alice.token(), Rooms.uniqueName("paging"));
        socket = sockets.v2Ready(base, alice);
        for (int i = 0; i < 7; i++) {
            ids.add(Chat.postId(socket, room, "m" + i));
        }
    }

    private JsonNode page(Map<String, ?> query) {
        return Chat.parse(Rooms.messages(alice.token(), room, query).statusCode(200).extract().asString());
    }

    /** A page (REST or history frame) holds exactly these ids, oldest first, and says whether more lie beyond. */
    private static void assertPage(JsonNode page, List<Long> expectedIds, boolean hasMore) {
        assertThat(Chat.ids(page)).containsExactlyElementsOf(expectedIds);
        assertThat(page.get("hasMore").asBoolean()).as("hasMore of %s", page).isEqualTo(hasMore);
    }

    @Test
    void withoutBoundsTheLatestPageComesOldestFirst() {
        roomWithSevenMessages();

        JsonNode latest = page(Map.of("limit", 3));
        assertThat(latest.get("room").asText()).isEqualTo(room);
        assertPage(latest, ids.subList(4, 7), true);

        JsonNode all = page(Map.of());
        assertThat(Chat.texts(all)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(all.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void beforePagesBackwardsUntilNothingOlderIsLeft() {
        roomWithSevenMessages();

        assertPage(page(Map.of("before", ids.get(4), "limit", 3)), ids.subList(1, 4), true);
        assertPage(page(Map.of("before", ids.get(1), "limit", 3)), ids.subList(0, 1), false);
        // exactly the rest: nothing more
        assertPage(page(Map.of("before", ids.get(3), "limit", 3)), ids.subList(0, 3), false);
    }

    @Test
    void afterPagesForwardsUntilNothingNewerIsLeft() {
        roomWithSevenMessages();

        assertPage(page(Map.of("after", ids.get(2), "limit", 3)), ids.subList(3, 6), true);
        assertPage(page(Map.of("after", ids.get(5), "limit", 3)), ids.subList(6, 7), false);

        assertThat(Chat.ids(page(Map.of("after", ids.get(6))))).isEmpty();
    }

    @Test
    void limitsOutsideOneToAHundredAndContradictoryBoundsAreRefused() {
        roomWithSevenMessages();

        for (Map<String, ?> bad : List.of(Map.of("limit", 0), Map.of("limit", 101), Map.of("limit", -1), Map.of("limit", "ten"),
                Map.of("before", "abc"), Map.of("after", "1.5"), Map.of("before", ids.get(3), "after", ids.get(1)))) {
            Rooms.messages(alice.token(), room, bad).statusCode(400).body("message", not(emptyOrNullString()));
        }
        assertThat(Chat.ids(page(Map.of("limit", 1)))).containsExactly(ids.get(6));
        assertThat(Chat.ids(page(Map.of("limit", 100)))).containsExactlyElementsOf(ids);
    }

    @Test
    void aPublicRoomIHaveNotJoinedCannotBeRead() {
        roomWithSevenMessages();
        ChatUser bob = ChatUser.register("bob");

        Rooms.messages(bob.token(), room).statusCode(403);
        Rooms.messages(bob.token(), room, Map.of("before", ids.get(6))).statusCode(403);
        Rooms.read(bob.token(), room, ids.get(6)).statusCode(403);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        bobSocket.sendJson(Chat.frame("history", room, "before", ids.get(6)));
        Chat.await(bobSocket, Chat.error("not_a_member"));
    }

    @Test
    void aSocketHistoryRequestIsAnsweredWithAPageToThatConnectionOnly() {
        roomWithSevenMessages();
        SocketClient otherTab = sockets.v2Ready(base, alice);

        socket.sendJson(Chat.frame("history", room, "before", ids.get(4), "limit", 3));

        JsonNode page = Chat.await(socket, Chat.typeIn("history", room));
        assertPage(page, ids.subList(1, 4), true);
        assertThat(page.get("before").asLong()).isEqualTo(ids.get(4));
        assertThat(Chat.framesUntilMarker(socket, room, otherTab)).noneMatch(Chat.typeIn("history", room));
    }

    @Test
    void aSocketHistoryRequestCanPageForwardsAndDefaultsToFiftyOldestFirst() {
        roomWithSevenMessages();

        socket.sendJson(Chat.frame("history", room, "after", ids.get(4)));
        assertPage(Chat.await(socket, Chat.typeIn("history", room)), ids.subList(5, 7), false);

        socket.sendJson(Chat.frame("history", room, "before", ids.get(6) + 1));
        assertPage(Chat.await(socket, Chat.typeIn("history", room)), ids, false);
    }

    @Test
    void everySocketPageSeesTheMessagesStoredBeforeItWasAskedFor() {
        roomWithSevenMessages();

        for (int i = 0; i < 50; i++) {
            long previous = ids.get(ids.size() - 1);
            long id = Chat.postId(socket, room, "more " + i);
            socket.sendJson(Chat.frame("history", room, "after", previous));
            JsonNode answer = Chat.await(socket, f -> Chat.typeIn("history", room).test(f) || Chat.isType(f, "error"));
            assertThat(answer.get("type").asText()).as("answer to request %d: %s", i, answer).isEqualTo("history");
            assertThat(Chat.ids(answer)).as("request %d, after %d", i, previous).containsExactly(id);
            ids.add(id);
        }
    }

    @Test
    void badSocketHistoryRequestsGetTheirErrorCodes() {
        roomWithSevenMessages();

        socket.sendJson(Chat.frame("history", room, "before", ids.get(3), "limit", 0));
        Chat.await(socket, Chat.error("invalid_limit"));
        socket.sendJson(Chat.frame("history", room, "before", ids.get(3), "limit", 101));
        Chat.await(socket, Chat.error("invalid_limit"));
        socket.sendJson(Chat.frame("history", room, "before", ids.get(3), "after", ids.get(1)));
        Chat.await(socket, Chat.error("invalid_page"));
        socket.sendJson(Chat.frame("history", room, "before", "yesterday"));
        Chat.await(socket, Chat.error("invalid_id"));
    }
}
