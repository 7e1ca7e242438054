package io.chatterbox.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of the messages table (see {@link io.chatterbox.messages.StoredMessage}); written by the node's single writer. */
@Entity
@Table(name = "messages")
public class Message extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "integer") // SQLite's rowid alias; AUTOINCREMENT allows no other type name
    public Long id;

    @Column(nullable = false)
    public String username;

    @Column(name = "message", nullable = false)
    public String text;

    /** Epoch milliseconds, set by the server when the message is stored. */
    @Column(nullable = false)
    public long timestamp;

    @Column(nullable = false)
    public String room;

    /** The sender's idempotency key, unique per sender; null when the client sent none. */
    @Column(name = "client_id")
    public String clientId;

    /** Epoch milliseconds of the last edit or the deletion; null while the message is as first sent. */
    @Column(name = "edited_at")
    public Long editedAt;

    /** The files it carries, as a JSON array (see MessageRows); null for none, and once deleted. */
    public String attachments;

    /** The names of those files, so search finds the message by them. */
    @Column(name = "attachment_names")
    public String attachmentNames;

    /** A deleted message stays as a tombstone with empty text, so its place in the history is kept. */
    @Column(columnDefinition = "integer", nullable = false)
    public boolean deleted;
}
