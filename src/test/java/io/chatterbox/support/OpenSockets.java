package io.chatterbox.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The sockets a test opened, so that an @AfterEach can close them all, whatever the test's outcome. */
public final class OpenSockets {

    private final List<SocketClient> open = new ArrayList<>();

    /** A v2 socket (every room), with an optional extra query such as "since=12". */
    public SocketClient v2(URI base, ChatUser user, String extraQuery) {
        return keep(SocketClient.connectV2(base, user.token(), extraQuery));
    }

    public SocketClient v2(URI base, ChatUser user) {
        return v2(base, user, null);
    }

    /** A v2 socket whose opening frames (rooms, then histories and presences) have all arrived. */
    public SocketClient v2Ready(URI base, ChatUser user) {
        SocketClient client = v2(base, user);
        Set<String> awaited = new HashSet<>();
        client.next("rooms").get("rooms").forEach(room -> awaited.add(room.path("room").asText()));
        while (!awaited.isEmpty()) {
            awaited.remove(Chat.roomOf(client.next("presence")));
        }
        return client;
    }

    /** A v1 socket: /ws?token= without v=2. */
    public SocketClient v1(URI base, ChatUser user) {
        return keep(SocketClient.connect(base, user.token()));
    }

    /** A v1 socket whose opening history of general has arrived. */
    public SocketClient v1Ready(URI base, ChatUser user) {
        SocketClient client = v1(base, user);
        client.next("history");
        return client;
    }

    /** Two fresh users who share a room, each with a ready v2 socket. */
    public record TwoInARoom(ChatUser alice, ChatUser bob, String room, SocketClient aliceSocket, SocketClient bobSocket) {
    }

    /** Fresh users alice and bob in a fresh public room of alice's that bob has joined; alice connects first. */
    public TwoInARoom twoInAPublicRoom(URI base, String prefix) {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        String room = Rooms.publicRoomWith(alice, prefix, bob);
        return new TwoInARoom(alice, bob, room, v2Ready(base, alice), v2Ready(base, bob));
    }

    /** Fresh users alice and bob, both connected (alice first), and the id of their DM room, not yet started. */
    public TwoInARoom twoWithADm(URI base) {
        ChatUser alice = ChatUser.register("alice");
        ChatUser bob = ChatUser.register("bob");
        SocketClient aliceSocket = v2Ready(base, alice);
        SocketClient bobSocket = v2Ready(base, bob);
        return new TwoInARoom(alice, bob, alice.dmWith(bob), aliceSocket, bobSocket);
    }

    private SocketClient keep(SocketClient client) {
        open.add(client);
        return client;
    }

    public void closeAll() {
        open.forEach(SocketClient::close);
        open.clear();
    }
}
