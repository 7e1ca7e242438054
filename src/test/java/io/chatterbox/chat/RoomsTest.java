package io.chatterbox.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.chatterbox.support.ChatUser;
import io.chatterbox.support.Rooms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Public and private rooms over HTTP: creating (names, topics), the directory, joining, leaving, members. */
@QuarkusTest
class RoomsTest {

    private static Map<String, Object> room(String name, String topic, boolean isPrivate) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("topic", topic);
        body.put("private", isPrivate);
        return body;
    }

    @Test
    void creatingAPublicRoomAnswersWithItsDescriptorAndMakesTheCreatorItsOwner() {
        ChatUser alice = ChatUser.register("alice");
        String name = Rooms.uniqueName("pub");

        Rooms.create(alice.token(), room(name, "Anything goes", false)).statusCode(201)
                .body("room", equalTo(name))
                .body("name", equalTo(name))
                .body("kind", equalTo("public"))
                .body("topic", equalTo("Anything goes"))
                .body("owner", equalTo(alice.name()))
                .body("unread", equalTo(0))
                .body("lastReadId", equalTo(0))
                .body("lastMessageId", equalTo(0));

        Rooms.members(alice.token(), name).statusCode(200)
                .body("members.username", equalTo(List.of(alice.name())))
                .body("members[0].owner", equalTo(true));
        assertThat(Rooms.myRoomIds(alice.token())).contains(name);
    }

    @Test
    void creatingAPrivateRoomGivesKindPrivateAndNoTopicIsNull() {
        ChatUser alice = ChatUser.register("alice");
        String name = Rooms.uniqueName("priv");

        Rooms.create(alice.token(), room(name, null, true)).statusCode(201)
                .body("room", equalTo(name))
                .body("kind", equalTo("private"))
                .body("topic", nullValue())
                .body("owner", equalTo(alice.name()));
    }

    @Test
    void namesLoseSurroundingSpacesAndAreNormalisedToNfcLowerCase() {
        ChatUser alice = ChatUser.register("alice");
        String name = Rooms.uniqueName("mixed");

        Rooms.create(alice.token(), room(name.toUpperCase(), null, false)).statusCode(201)
                .body("room", equalTo(name)).body("name", equalTo(name));
        String padded = Rooms.uniqueName("pad");
        Rooms.create(alice.token(), room("  " + padded.toUpperCase() + " ", null, false)).statusCode(201)
                .body("room", equalTo(padded));
        // "E" + combining acute accent composes to "é" under NFC, then lower-cases.
        Rooms.create(alice.token(), room("CAFE\u0301" + name.substring(5), null, false)).statusCode(201)
                .body("room", equalTo("caf\u00e9" + name.substring(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my room", "#x", "a", "-dash", "_under", "abcdefghijklmnopqrstuvwxyz0123456", "tab\there", "dot.ted", "", "  "})
    void namesBreakingTheRulesAreRefusedWithAMessage(String name) {
        ChatUser alice = ChatUser.register("alice");

        ExtractableResponse<Response> answer = Rooms.create(alice.token(), room(name, null, false)).extract();

        assertThat(answer.statusCode()).as("\"%s\" -> %s", name, answer.asString()).isEqualTo(400);
        assertThat(answer.<String>path("message")).isNotBlank();
    }

    @Test
    void aMissingNameIsRefused() {
        ChatUser alice = ChatUser.register("alice");

        Rooms.create(alice.token(), Map.of("private", false)).statusCode(400).body("message", not(emptyOrNullString()));
    }

    @Test
    void theShortestAndLongestNamesAreAccepted() {
        ChatUser alice = ChatUser.register("alice");
        String longest = (Rooms.uniqueName("l") + "x".repeat(32)).substring(0, 32);

        Rooms.create(alice.token(), room(longest, null, false)).statusCode(201).body("room", equalTo(longest));
        // Two characters is legal; the name may already exist in the shared database, but never be refused as invalid.
        int status = Rooms.create(alice.token(), room("q7", null, false)).extract().statusCode();
        assertThat(status).isIn(201, 409);
    }

    @Test
    void topicsAreAtMost250CharactersWithoutControlCharacters() {
        ChatUser alice = ChatUser.register("alice");

        Rooms.create(alice.token(), room(Rooms.uniqueName("t"), "t".repeat(250), false)).statusCode(201);
        for (String topic : List.of("t".repeat(251), "two\nlines", "carriage\rreturn", "bell\u0007")) {
            Rooms.create(alice.token(), room(Rooms.uniqueName("t"), topic, false)).statusCode(400)
                    .body("message", not(emptyOrNullString()));
        }
    }

    @Test
    void aTakenNameIsRefusedWith409AcrossPublicAndPrivateAndIgnoringCase() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String name = Rooms.uniqueName("dup");
        Rooms.createPublic(alice.token(), name);

        Rooms.create(bob.token(), room(name, null, false)).statusCode(409)
                .body("message", equalTo("A room called \"" + name + "\" already exists"));
        Rooms.create(bob.token(), room(name.toUpperCase(), null, true)).statusCode(409);
        Rooms.create(bob.token(), room("general", null, false)).statusCode(409);
    }

    @Test
    void theDirectoryListsPublicRoomsWithMembershipButNeverPrivateOnes() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));
        String secret = Rooms.createPrivate(alice.token(), Rooms.uniqueName("secret"));

        Rooms.directory(bob.token()).statusCode(200)
                .body("rooms.find { it.room == '" + open + "' }.name", equalTo(open))
                .body("rooms.find { it.room == '" + open + "' }.owner", equalTo(alice.name()))
                .body("rooms.find { it.room == '" + open + "' }.members", equalTo(1))
                .body("rooms.find { it.room == '" + open + "' }.joined", equalTo(false))
                .body("rooms.find { it.room == 'general' }.joined", equalTo(true));
        assertThat(Rooms.directoryIds(bob.token())).doesNotContain(secret);
        assertThat(Rooms.directoryIds(alice.token())).as("not even for its owner").contains(open).doesNotContain(secret);
    }

    @Test
    void joiningAPublicRoomListsItAmongMyRoomsAndJoiningTwiceIsFine() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));

        Rooms.join(bob.token(), open).statusCode(200).body("room", equalTo(open)).body("kind", equalTo("public"))
                .body("owner", equalTo(alice.name()));
        Rooms.join(bob.token(), open).statusCode(200).body("room", equalTo(open));

        assertThat(Rooms.myRoomIds(bob.token())).contains("general", open).first().isEqualTo("general");
        Rooms.directory(bob.token()).body("rooms.find { it.room == '" + open + "' }.members", equalTo(2))
                .body("rooms.find { it.room == '" + open + "' }.joined", equalTo(true));
        Rooms.members(alice.token(), open).statusCode(200)
                .body("members.username", equalTo(List.of(alice.name(), bob.name())))
                .body("members.owner", equalTo(List.of(true, false)));
    }

    @Test
    void myRoomsAreGeneralFirstThenByName() {
        ChatUser alice = ChatUser.register("alice");
        String suffix = Rooms.uniqueName("");
        Rooms.createPublic(alice.token(), "zz" + suffix);
        Rooms.createPrivate(alice.token(), "aa" + suffix);
        Rooms.createPublic(alice.token(), "mm" + suffix);

        assertThat(Rooms.myRoomIds(alice.token())).containsExactly("general", "aa" + suffix, "mm" + suffix, "zz" + suffix);
    }

    @Test
    void leavingRemovesTheRoomFromMyRooms() {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));
        Rooms.join(bob.token(), open).statusCode(200);

        Rooms.leave(bob.token(), open).statusCode(204);

        assertThat(Rooms.myRoomIds(bob.token())).doesNotContain(open);
        Rooms.members(alice.token(), open).body("members.username", equalTo(List.of(alice.name())));
        Rooms.directory(bob.token()).body("rooms.find { it.room == '" + open + "' }.joined", equalTo(false));
        Rooms.leave(bob.token(), open).statusCode(403);
        Rooms.members(bob.token(), open).statusCode(403);
    }

    @Test
    void generalsMembersComeInPagesOfNamesAfterAName() {
        String family = "pg" + Rooms.uniqueWord().substring(0, 6);
        ChatUser first = ChatUser.register(family + "a");
        ChatUser second = ChatUser.register(family + "b");
        ChatUser third = ChatUser.register(family + "c");

        Rooms.as(first.token()).queryParam("after", family).queryParam("limit", 2).get("/api/rooms/general/members")
                .then().statusCode(200)
                .body("members.username", equalTo(List.of(first.name(), second.name())))
                .body("hasMore", equalTo(true));
        Rooms.as(first.token()).queryParam("after", second.name().toUpperCase()).queryParam("limit", 1)
                .get("/api/rooms/general/members").then().statusCode(200)
                .body("members.username", equalTo(List.of(third.name())));
        Rooms.as(first.token()).queryParam("limit", 1001).get("/api/rooms/general/members").then().statusCode(400)
                .body("message", equalTo("limit must be between 1 and 1000"));
    }

    @Test
    void generalCannotBeLeftAndTheOwnerCannotLeave() {
        ChatUser alice = ChatUser.register("alice");
        String open = Rooms.createPublic(alice.token(), Rooms.uniqueName("open"));

        Rooms.leave(alice.token(), "general").statusCode(400).body("message", not(emptyOrNullString()));
        Rooms.leave(alice.token(), open).statusCode(409).body("message", not(emptyOrNullString()));
        assertThat(Rooms.myRoomIds(alice.token())).contains("general", open);
    }

    @Test
    void unknownRoomsAnswer404() {
        ChatUser alice = ChatUser.register("alice");
        String nowhere = Rooms.uniqueName("nowhere");

        Rooms.join(alice.token(), nowhere).statusCode(404).body("message", not(emptyOrNullString()));
        Rooms.leave(alice.token(), nowhere).statusCode(404);
        Rooms.members(alice.token(), nowhere).statusCode(404);
        Rooms.messages(alice.token(), nowhere).statusCode(404);
    }

    @Test
    void roomEndpointsNeedAToken() {
        given().get("/api/rooms").then().statusCode(401);
        given().get("/api/rooms/directory").then().statusCode(401);
    }
}
