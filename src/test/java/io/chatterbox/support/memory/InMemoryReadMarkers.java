package io.chatterbox.support.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.chatterbox.messages.ReadMarkerStore;

/** A {@link ReadMarkerStore} in a map, for the unit tier. */
public final class InMemoryReadMarkers implements ReadMarkerStore {

    private final Map<String, Long> markers = new ConcurrentHashMap<>();

    @Override
    public long lastRead(String username, String room) {
        return markers.getOrDefault(key(username, room), 0L);
    }

    @Override
    public long advance(String username, String room, long id) {
        return markers.merge(key(username, room), id, Math::max);
    }

    private static String key(String username, String room) {
        return username + '\u0000' + room;
    }
}
