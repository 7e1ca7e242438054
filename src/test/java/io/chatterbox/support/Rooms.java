package io.chatterbox.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.restassured.response.ValidatableResponse;

/** The room endpoints of docs/protocol.md section 4.2, called over real HTTP with a bearer token. */
public final class Rooms {

    private Rooms() {
    }

    /** A room name no other test uses: lower case, letters, digits and '_', at most 32 characters. */
    public static String uniqueName(String prefix) {
        return Accounts.uniqueName(prefix).toLowerCase(Locale.ROOT);
    }

    /** A word no other message contains (twelve random letters), for search tests on the shared database. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zz");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification json(String token, Object body) {
        return as(token).contentType(ContentType.JSON).body(body);
    }

    public static ValidatableResponse create(String token, Map<String, ?> body) {
        return json(token, body).post("/api/rooms").then();
    }

    /** Creates a public room (expecting 201) and returns its id. */
    public static String createPublic(String token, String name) {
        return create(token, Map.of("name", name, "private", false)).statusCode(201).extract().path("room");
    }

    /** Creates a private room (expecting 201) and returns its id. */
    public static String createPrivate(String token, String name) {
        return create(token, Map.of("name", name, "private", true)).statusCode(201).extract().path("room");
    }

    /** Creates a public room of owner's (expecting 201) that each of members joins (expecting 200); returns its id. */
    public static String publicRoomWith(ChatUser owner, String prefix, ChatUser... members) {
        String room = createPublic(owner.token(), uniqueName(prefix));
        for (ChatUser member : members) {
            join(member.token(), room).statusCode(200);
        }
        return room;
    }

    /** Creates a private room of owner's (expecting 201) and invites each of invited (expecting 201); returns its id. */
    public static String privateRoomWith(ChatUser owner, String prefix, ChatUser... invited) {
        String room = createPrivate(owner.token(), uniqueName(prefix));
        for (ChatUser member : invited) {
            invite(owner.token(), room, member.name()).statusCode(201);
        }
        return room;
    }

    public static ValidatableResponse myRooms(String token) {
        return as(token).get("/api/rooms").then();
    }

    public static ValidatableResponse directory(String token) {
        return as(token).get("/api/rooms/directory").then();
    }

    /** My descriptor of a room, as GET /api/rooms lists it, if it is listed. */
    public static Optional<Map<String, Object>> descriptor(String token, String room) {
        List<Map<String, Object>> rooms = myRooms(token).statusCode(200).extract().jsonPath().getList("rooms");
        return rooms.stream().filter(r -> room.equals(r.get("room"))).findFirst();
    }

    /** A number field (unread, lastReadId, lastMessageId) of my descriptor of a room, which must be listed. */
    public static long descriptorNumber(String token, String room, String field) {
        Map<String, Object> descriptor = descriptor(token, room).orElseThrow(() -> new AssertionError(room + " not listed"));
        return ((Number) descriptor.get(field)).longValue();
    }

    public static List<String> myRoomIds(String token) {
        return myRooms(token).statusCode(200).extract().jsonPath().getList("rooms.room", String.class);
    }

    public static List<String> directoryIds(String token) {
        return directory(token).statusCode(200).extract().jsonPath().getList("rooms.room", String.class);
    }

    public static ValidatableResponse join(String token, String room) {
        return as(token).pathParam("room", room).post("/api/rooms/{room}/join").then();
    }

    public static ValidatableResponse leave(String token, String room) {
        return as(token).pathParam("room", room).post("/api/rooms/{room}/leave").then();
    }

    public static ValidatableResponse members(String token, String room) {
        return as(token).pathParam("room", room).get("/api/rooms/{room}/members").then();
    }

    public static ValidatableResponse invite(String token, String room, String username) {
        return json(token, Map.of("username", username)).pathParam("room", room).post("/api/rooms/{room}/members").then();
    }

    public static ValidatableResponse remove(String token, String room, String username) {
        return as(token).pathParam("room", room).pathParam("username", username)
                .delete("/api/rooms/{room}/members/{username}").then();
    }

    /** GET /api/rooms/{room}/messages with the given query parameters (before, after, limit). */
    public static ValidatableResponse messages(String token, String room, Map<String, ?> query) {
        return as(token).pathParam("room", room).queryParams(query).get("/api/rooms/{room}/messages").then();
    }

    public static ValidatableResponse messages(String token, String room) {
        return messages(token, room, Map.of());
    }

    public static ValidatableResponse edit(String token, String room, long id, String text) {
        return json(token, Map.of("text", text)).pathParam("room", room).pathParam("id", id)
                .patch("/api/rooms/{room}/messages/{id}").then();
    }

    public static ValidatableResponse delete(String token, String room, long id) {
        return as(token).pathParam("room", room).pathParam("id", id).delete("/api/rooms/{room}/messages/{id}").then();
    }

    public static ValidatableResponse read(String token, String room, long id) {
        return json(token, Map.of("id", id)).pathParam("room", room).post("/api/rooms/{room}/read").then();
    }

    public static ValidatableResponse startDm(String token, String username) {
        return json(token, Map.of("username", username)).post("/api/dms").then();
    }

    /** GET /api/search with the given query parameters (q, room, limit). */
    public static ValidatableResponse search(String token, Map<String, ?> query) {
        return as(token).queryParams(query).get("/api/search").then();
    }

    /** The texts of the search results for q, best match first. */
    public static List<String> searchTexts(String token, String q) {
        return search(token, Map.of("q", q)).statusCode(200).extract().jsonPath().getList("results.text", String.class);
    }
}
