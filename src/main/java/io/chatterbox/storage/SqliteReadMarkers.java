package io.chatterbox.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.context.control.ActivateRequestContext;

import io.chatterbox.messages.ReadMarkerStore;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The embedded {@link ReadMarkerStore}: the read_markers table of the SQLite file. */
@ApplicationScoped
@Typed(SqliteReadMarkers.class)
@ActivateRequestContext
public class SqliteReadMarkers implements ReadMarkerStore {

    @Override
    public long lastRead(String username, String room) {
        return ReadMarker.<ReadMarker> find("room = ?1 and username = ?2", room, username)
                .firstResultOptional().map(marker -> marker.lastReadId).orElse(0L);
    }

    @Override
    public long advance(String username, String room, long id) {
        return QuarkusTransaction.requiringNew().call(() -> advanceInTransaction(username, room, id));
    }

    /**
     * Marks everything already in the room as read for someone who just arrived (a new account in general, a new
     * member elsewhere): they start at "no unread", not with the room's whole past. Call in the arrival's transaction.
     */
    static void startAtNewest(String username, String room) {
        long newest = Message.<Message> find("room = ?1 order by id desc", room).firstResultOptional()
                .map(message -> message.id).orElse(0L);
        advanceInTransaction(username, room, newest);
    }

    private static long advanceInTransaction(String username, String room, long id) {
        ReadMarker marker = ReadMarker.<ReadMarker> find("room = ?1 and username = ?2", room, username).firstResult();
        if (marker == null) {
            marker = new ReadMarker();
            marker.room = room;
            marker.username = username;
            marker.persist();
        }
        marker.lastReadId = Math.max(marker.lastReadId, id);
        return marker.lastReadId;
    }
}
