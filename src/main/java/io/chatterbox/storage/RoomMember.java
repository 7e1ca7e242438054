package io.chatterbox.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One person's membership of one room (general has none: everyone is in it). */
@Entity
@Table(name = "room_members")
public class RoomMember extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "integer")
    public Long id;

    @Column(nullable = false)
    public String room;

    @Column(nullable = false)
    public String username;

    @Column(name = "joined_at", nullable = false)
    public long joinedAt;

    static RoomMember of(String room, String username) {
        RoomMember member = new RoomMember();
        member.room = room;
        member.username = username;
        member.joinedAt = System.currentTimeMillis();
        return member;
    }
}
