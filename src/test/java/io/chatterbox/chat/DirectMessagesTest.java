package io.chatterbox.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatterbox.support.Accounts;
import io.chatterbox.support.Chat;
import io.chatterbox.support.ChatUser;
import io.chatterbox.support.OpenSockets.TwoInARoom;
import io.chatterbox.support.Rooms;
import io.chatterbox.support.SocketClient;
import io.chatterbox.support.SocketTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Direct messages: a room of exactly two people that exists for the other one once its first message is stored. */
@QuarkusTest
class DirectMessagesTest extends SocketTestBase {

    @Test
    void startingADmAnswersWithItsDescriptorNamedAfterTheOtherPerson() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");

        Rooms.startDm(alice.token(), bob.name()).statusCode(200)
                .body("room", equalTo(alice.dmWith(bob)))
                .body("name", equalTo(bob.name()))
                .body("kind", equalTo("direct"))
                .body("with", equalTo(bob.name()))
                .body("owner", nullValue())
                .body("topic", nullValue())
                .body("unread", equalTo(0))
                .body("lastMessageId", equalTo(0));
        Rooms.startDm(bob.token(), alice.name()).statusCode(200).body("room", equalTo(alice.dmWith(bob)))
                .body("with", equalTo(alice.name()));
    }

    @Test
    void aDmWithYourselfOrAnUnknownUserIsRefused() {
        ChatUser alice = ChatUser.register("alice");

        Rooms.startDm(alice.token(), alice.name()).statusCode(400).body("message", not(emptyOrNullString()));
        Rooms.startDm(alice.token(), Accounts.uniqueName("ghost")).statusCode(404).body("message", not(emptyOrNullString()));
    }

    @Test
    void nothingAppearsForTheOtherPersonUntilTheFirstMessage() {
        TwoInARoom two = sockets.twoWithADm(base);
        String dm = two.room();

        Rooms.startDm(two.alice().token(), two.bob().name()).statusCode(200);

        assertThat(Rooms.myRoomIds(two.bob().token())).doesNotContain(dm);
        List<JsonNode> bobSaw = Chat.framesUntilMarker(two.aliceSocket(), "general", two.bobSocket());
        assertThat(bobSaw).noneMatch(f -> Chat.isType(f, "room_joined")).noneMatch(f -> dm.equals(Chat.roomOf(f)));
    }

    @Test
    void theFirstMessageBringsTheDmToTheOtherPersonsSocketWithTheMessage() {
        TwoInARoom two = sockets.twoWithADm(base);
        ChatUser alice = two.alice();
        ChatUser bob = two.bob();
        SocketClient aliceSocket = two.aliceSocket();
        SocketClient bobSocket = two.bobSocket();
        String dm = two.room();
        Rooms.startDm(alice.token(), bob.name()).statusCode(200);

        long first = Chat.postId(aliceSocket, dm, "psst");
        long marker = Chat.postId(aliceSocket, dm, "marker");

        List<JsonNode> bobSaw = bobSocket.framesUntil(f -> Chat.messagesIn(List.of(f), dm).stream()
                .anyMatch(m -> m.get("id").asLong() == marker));
        JsonNode joined = bobSaw.stream().filter(f -> Chat.isType(f, "room_joined")).findFirst().orElseThrow(
                () -> new AssertionError("no room_joined before the DM's messages: " + bobSaw));
        assertThat(joined.get("room").get("room").asText()).isEqualTo(dm);
        assertThat(joined.get("room").get("kind").asText()).isEqualTo("direct");
        assertThat(joined.get("room").get("name").asText()).isEqualTo(alice.name());
        assertThat(joined.get("room").get("with").asText()).isEqualTo(alice.name());
        assertThat(bobSaw.indexOf(joined)).as("room_joined comes before anything else of the DM")
                .isLessThanOrEqualTo(bobSaw.stream().filter(f -> dm.equals(Chat.roomOf(f))).map(bobSaw::indexOf).min(Integer::compare).orElseThrow());
        assertThat(Chat.messagesIn(bobSaw, dm)).as("each message exactly once").extracting(m -> m.get("id").asLong())
                .containsExactly(first, marker);

        Rooms.descriptor(bob.token(), dm).orElseThrow();
        Rooms.messages(bob.token(), dm).statusCode(200).body("messages.text", equalTo(List.of("psst", "marker")));
        Chat.post(bobSocket, dm, "hi alice");
        Chat.await(aliceSocket, Chat.messageWithText("hi alice"));
    }

    @Test
    void aMessageToAnUnstartedDmOfMineStartsIt() {
        TwoInARoom two = sockets.twoWithADm(base);

        Chat.post(two.bobSocket(), two.room(), "no POST /api/dms needed");

        JsonNode joined = Chat.await(two.aliceSocket(), f -> Chat.isType(f, "room_joined"));
        assertThat(joined.get("room").get("room").asText()).isEqualTo(two.room());
        assertThat(Rooms.myRoomIds(two.alice().token())).contains(two.room());
    }

    @Test
    void aThirdPersonCannotSeeOrUseTheDm() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        ChatUser eve = ChatUser.register("eve");
        SocketClient aliceSocket = sockets.v2Ready(base, alice);
        String dm = alice.dmWith(bob);
        long id = Chat.postId(aliceSocket, dm, "just between us");
        SocketClient eveSocket = sockets.v2Ready(base, eve);

        Rooms.messages(eve.token(), dm).statusCode(404);
        Rooms.join(eve.token(), dm).statusCode(404);
        Rooms.members(eve.token(), dm).statusCode(404);
        Rooms.read(eve.token(), dm, id).statusCode(404);
        Rooms.edit(eve.token(), dm, id, "hijacked").statusCode(404);
        Rooms.search(eve.token(), Map.of("q", "between", "room", dm)).statusCode(404);
        assertThat(Rooms.myRoomIds(eve.token())).doesNotContain(dm);
        for (Map<String, Object> frame : List.of(Chat.message(dm, "me too"), Chat.frame("typing", dm),
                Chat.frame("history", dm, "before", id + 1))) {
            eveSocket.sendJson(frame);
            assertThat(Chat.await(eveSocket, f -> Chat.isType(f, "error")).get("code").asText()).isEqualTo("unknown_room");
        }
        Rooms.messages(alice.token(), dm).statusCode(200).body("messages.text", equalTo(List.of("just between us")));
    }

    @Test
    void aDmCannotBeLeftOrHaveMembersAdded() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        ChatUser carol = ChatUser.register("carol");
        String dm = alice.dmWith(bob);
        Chat.post(sockets.v2Ready(base, alice), dm, "hello bob");

        Rooms.leave(alice.token(), dm).statusCode(400);
        Rooms.invite(alice.token(), dm, carol.name()).statusCode(400);
        Rooms.remove(alice.token(), dm, bob.name()).statusCode(400);
        Rooms.members(bob.token(), dm).statusCode(200).body("members.username",
                equalTo(List.of(alice.name(), bob.name()).stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()));
    }

    @Test
    void myRoomsListDmsByTheOtherPersonsNameAmongTheRooms() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser early = ChatUser.register("bb");
        ChatUser late = ChatUser.register("zz");
        String suffix = Rooms.uniqueName("");
        String aa = Rooms.createPublic(alice.token(), "aa" + suffix);
        String ee = Rooms.createPublic(alice.token(), "ee" + suffix);
        SocketClient socket = sockets.v2Ready(base, alice);
        Chat.post(socket, alice.dmWith(late), "hi z");
        Chat.post(socket, alice.dmWith(early), "hi b");

        // general first, then by name: a DM's name is the other person's ("bb_…", "zz_…")
        assertThat(Rooms.myRoomIds(alice.token()))
                .containsExactly("general", aa, alice.dmWith(early), ee, alice.dmWith(late));
    }
}
