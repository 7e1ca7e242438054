package io.chatterbox.storage;

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
}
