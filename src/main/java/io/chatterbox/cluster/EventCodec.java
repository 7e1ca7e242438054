package io.chatterbox.cluster;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatterbox.accounts.TokensRevoked;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.presence.PresenceEvents;
import io.chatterbox.rooms.RoomChange;
import io.chatterbox.rooms.RoomEvents;

/**
 * Envelopes to and from JSON text. Payloads are the core's plain records, named by a registry of the types that may
 * cross nodes: a name a node does not know is refused, never turned into an arbitrary class.
 */
final class EventCodec {

    private static final List<Class<?>> TYPES = List.of(
            MessageEvents.Posted.class, MessageEvents.Edited.class, MessageEvents.Deleted.class,
            MessageEvents.History.class, MessageEvents.PageLoaded.class, MessageEvents.Read.class,
            RoomEvents.Listed.class, RoomEvents.Joined.class, RoomEvents.Left.class, RoomEvents.MembersChanged.class,
            PresenceEvents.Snapshot.class, PresenceEvents.Changed.class, PresenceEvents.Typing.class,
            RoomChange.Created.class, RoomChange.MemberAdded.class, RoomChange.MemberRemoved.class,
            TokensRevoked.class, Envelope.CatchUp.class, Envelope.Sessions.class, Envelope.Heartbeat.class,
            Envelope.Leaving.class);
    private static final Map<String, Class<?>> BY_NAME = TYPES.stream()
            .collect(Collectors.toUnmodifiableMap(EventCodec::name, Function.identity()));

    private final ObjectMapper json;

    EventCodec(ObjectMapper json) {
        this.json = json;
    }

    String encode(String node, Envelope.Kind kind, String target, String except, Object payload) {
        String type = name(payload.getClass());
        if (!BY_NAME.containsKey(type)) {
            throw new IllegalArgumentException("Not a type that crosses nodes: " + payload.getClass().getName());
        }
        try {
            return json.writeValueAsString(new Envelope(node, kind, target, except, type, json.valueToTree(payload)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode a " + type + " for the cluster", e);
        }
    }

    Envelope decode(String text) throws JsonProcessingException {
        return json.readValue(text, Envelope.class);
    }

    /** The envelope's payload as the type it names. */
    Object payload(Envelope envelope) throws JsonProcessingException {
        Class<?> type = BY_NAME.get(envelope.type());
        if (type == null) {
            throw new IllegalArgumentException("Unknown event type from node " + envelope.node() + ": " + envelope.type());
        }
        return json.treeToValue(envelope.payload(), type);
    }

    private static String name(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1);
    }
}
