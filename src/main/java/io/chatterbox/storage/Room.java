package io.chatterbox.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of the rooms table (see {@link io.chatterbox.rooms.RoomInfo}). */
@Entity
@Table(name = "rooms")
public class Room extends PanacheEntityBase {

    /** The room's id on the wire: its name, or "dm:&lt;id&gt;:&lt;id&gt;" for a direct conversation. */
    @Id
    @Column(columnDefinition = "text")
    public String name;

    @Column(nullable = false)
    public String kind;

    public String topic;

    /** Username of the creator, who alone adds and removes members; null for general and direct conversations. */
    public String owner;

    @Column(name = "created_at", nullable = false)
    public long createdAt;
}
