package io.chatterbox.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A v2 reconnect with ?since= gets, room by room, exactly what it missed; past the resume limit, a resync. */
@QuarkusTest
@TestProfile(SmallResumeLimitProfile.class)
class ResumeTest extends SocketTestBase {

    /** The opening of a connection: every frame up to the presence frame of each of its rooms. */
    private static List<JsonNode> opening(SocketClient socket) {
        List<JsonNode> frames = new ArrayList<>();
        JsonNode rooms = socket.next();
        assertThat(rooms.get("type").asText()).as("the first frame").isEqualTo("rooms");
        frames.add(rooms);
        Set<String> awaited = new HashSet<>();
        rooms.get("rooms").forEach(r -> awaited.add(r.get("room").asText()));
        frames.addAll(socket.framesUntil(f -> Chat.isType(f, "presence") && awaited.remove(Chat.roomOf(f)) && awaited.isEmpty()));
        return frames;
    }

    private static Map<String, JsonNode> histories(List<JsonNode> frames) {
        Map<String, JsonNode> byRoom = new HashMap<>();
        frames.stream().filter(f -> Chat.isType(f, "history"))
                .forEach(h -> assertThat(byRoom.put(Chat.roomOf(h), h)).as("one history for %s", Chat.roomOf(h)).isNull());
        return byRoom;
    }

    /** The user connects, posts "seen" to the room and disconnects; returns the id to resume since. */
    private long postsThenGoesAway(ChatUser user, String room) {
        SocketClient socket = sockets.v2Ready(base, user);
        long seen = Chat.postId(socket, room, "seen");
        socket.close();
        return seen;
    }

    @Test
    void eachRoomGetsExactlyTheMessagesItMissedInOrder() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String first = Rooms.publicRoomWith(alice, "resume", bob);
        String second = Rooms.publicRoomWith(alice, "resume", bob);
        long seen = postsThenGoesAway(alice, first);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        List<Long> missedFirst = new ArrayList<>();
        List<Long> missedSecond = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missedFirst.add(Chat.postId(bobSocket, first, "first " + i));
            missedSecond.add(Chat.postId(bobSocket, second, "second " + i));
        }

        List<JsonNode> frames = opening(sockets.v2(base, alice, "since=" + seen));

        Map<String, JsonNode> histories = histories(frames);
        assertThat(histories).containsKeys("general", first, second);
        assertThat(Chat.ids(histories.get(first))).containsExactlyElementsOf(missedFirst);
        assertThat(Chat.texts(histories.get(first))).containsExactly("first 0", "first 1", "first 2");
        assertThat(Chat.ids(histories.get(second))).containsExactlyElementsOf(missedSecond);
        assertThat(histories.values()).noneMatch(h -> h.has("resync"));
    }

    @Test
    void missedMessagesAreNotDeliveredAgainAsLiveFrames() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, "resume", bob);
        long seen = postsThenGoesAway(alice, room);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        List<Long> missed = List.of(Chat.postId(bobSocket, room, "a"), Chat.postId(bobSocket, room, "b"));

        SocketClient resumed = sockets.v2(base, alice, "since=" + seen);
        List<JsonNode> frames = new ArrayList<>(opening(resumed));
        long marker = Chat.postId(bobSocket, room, "marker");
        frames.addAll(resumed.framesUntil(f -> f.path("id").asLong() == marker));

        assertThat(Chat.messagesIn(frames, room)).extracting(m -> m.get("id").asLong())
                .containsExactly(missed.get(0), missed.get(1), marker);
    }

    @Test
    void aRoomPastTheResumeLimitIsResyncedWhileRoomsWithSmallerGapsAreNot() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String big = Rooms.publicRoomWith(alice, "resume", bob);
        String exact = Rooms.publicRoomWith(alice, "resume", bob);
        String small = Rooms.publicRoomWith(alice, "resume", bob);
        long seen = postsThenGoesAway(alice, big);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        List<Long> bigIds = new ArrayList<>(List.of(seen));
        List<Long> exactIds = new ArrayList<>();
        for (int i = 0; i <= SmallResumeLimitProfile.RESUME_LIMIT; i++) {
            bigIds.add(Chat.postId(bobSocket, big, "big " + i));
            if (i < SmallResumeLimitProfile.RESUME_LIMIT) {
                exactIds.add(Chat.postId(bobSocket, exact, "exact " + i));
            }
        }
        long smallId = Chat.postId(bobSocket, small, "small");

        Map<String, JsonNode> histories = histories(opening(sockets.v2(base, alice, "since=" + seen)));

        assertThat(histories.get(big).path("resync").asBoolean()).as("%d missed > limit", bigIds.size() - 1).isTrue();
        assertThat(Chat.ids(histories.get(big))).as("the latest history of the room").containsExactlyElementsOf(bigIds);
        assertThat(histories.get(exact).has("resync")).as("exactly the limit is no resync").isFalse();
        assertThat(Chat.ids(histories.get(exact))).containsExactlyElementsOf(exactIds);
        assertThat(histories.get(small).has("resync")).isFalse();
        assertThat(Chat.ids(histories.get(small))).containsExactly(smallId);
    }

    @Test
    void editsAndDeletesMadeWhileAwayArriveAfterTheHistoriesAndBeforeThePresence() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, "resume", bob);
        SocketClient bobSocket = sockets.v2Ready(base, bob);
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        long edited = Chat.postId(bobSocket, room, "typo");
        long deleted = Chat.postId(bobSocket, room, "oops");
        long untouched = Chat.postId(bobSocket, room, "fine");
        Chat.await(aliceSocket, f -> f.path("id").asLong() == untouched);
        aliceSocket.close();
        Rooms.edit(bob.token(), room, edited, "fixed").statusCode(200);
        Rooms.delete(bob.token(), room, deleted).statusCode(204);
        long missed = Chat.postId(bobSocket, room, "new");
        Rooms.edit(bob.token(), room, missed, "newer").statusCode(200);

        List<JsonNode> frames = opening(sockets.v2(base, alice, "since=" + untouched));

        JsonNode history = histories(frames).get(room);
        assertThat(Chat.ids(history)).containsExactly(missed);
        assertThat(history.get("messages").get(0).get("text").asText()).isEqualTo("newer");
        assertThat(history.get("messages").get(0).hasNonNull("edited")).isTrue();
        List<JsonNode> changes = frames.stream().filter(f -> Chat.isType(f, "edit") || Chat.isType(f, "delete")).toList();
        assertThat(changes).extracting(f -> f.get("type").asText() + " " + f.get("id").asLong())
                .containsExactlyInAnyOrder("edit " + edited, "delete " + deleted);
        JsonNode edit = changes.stream().filter(f -> Chat.isType(f, "edit")).findFirst().orElseThrow();
        assertThat(edit.get("room").asText()).isEqualTo(room);
        assertThat(edit.get("text").asText()).isEqualTo("fixed");
        assertThat(edit.hasNonNull("edited")).isTrue();
        int lastHistory = frames.indexOf(frames.stream().filter(f -> Chat.isType(f, "history")).reduce((a, b) -> b).orElseThrow());
        int firstPresence = frames.indexOf(frames.stream().filter(f -> Chat.isType(f, "presence")).findFirst().orElseThrow());
        assertThat(changes).allSatisfy(f -> assertThat(frames.indexOf(f)).isBetween(lastHistory + 1, firstPresence - 1));
    }
}
