package io.chatterbox.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The highest message id a user has read in a room. Only ever moves forward. */
@Entity
@Table(name = "read_markers")
public class ReadMarker extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "integer")
    public Long id;

    @Column(nullable = false)
    public String room;

    @Column(nullable = false)
    public String username;

    @Column(name = "last_read_id", columnDefinition = "integer", nullable = false)
    public long lastReadId;

    /**
     * Marks everything already in the room as read for someone who just arrived (a new account in general, a new
     * member elsewhere): they start at "no unread", not with the room's whole past as unread. Call in a transaction.
     */
    public static void startAtNewest(String room, String username) {
        advance(room, username, Message.newestIdIn(room));
    }

    /** Moves the user's marker in the room up to {@code id} (never back), creating it if needed; the marker after. */
    static long advance(String room, String username, long id) {
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
