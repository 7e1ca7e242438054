package io.chatterbox.messages;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where messages are kept: the record of truth, shared by every node. Positions ({@link StoredMessage#id}) grow
 * in commit order across all rooms, so "everything after id N" is a gap-free resume. Reads may run on any thread
 * and never wait for writes; writes come from the single {@link MessageWriter} of each node.
 */
public interface MessageLog {

    /**
     * Stores the drafts in one transaction, in order, stamped {@code now}. A draft whose sender already stored a
     * message under the same clientId (earlier, or earlier in this batch) stores nothing and yields that copy.
     *
     * @return one outcome per draft, in draft order
     */
    List<Appended> append(List<Draft> drafts, long now);

    /** The newest {@code limit} messages of a room, oldest first, and whether older ones exist. */
    Page latest(String room, int limit);

    /** The {@code limit} messages just before {@code beforeId}, oldest first, and whether older ones exist. */
    Page before(String room, long beforeId, int limit);

    /** The {@code limit} messages just after {@code afterId}, oldest first, and whether newer ones exist. */
    Page after(String room, long afterId, int limit);

    /**
     * Messages with id ≤ {@code sinceId} in the rooms that were edited or deleted after message {@code sinceId} was
     * stored, in the order of those changes: what a client that saw everything up to {@code sinceId} must redraw.
     */
    List<StoredMessage> changedSince(Collection<String> rooms, long sinceId, int limit);

    Optional<StoredMessage> find(long id);

    /** Replaces the text of a message that is not deleted; empty when it is deleted (or gone). */
    Optional<StoredMessage> edit(long id, String text, long editedAt);

    /** Turns the message into a tombstone; false when it was one already. */
    boolean delete(long id, long deletedAt);

    /** The id of the room's newest message, 0 when it has none. */
    long newestId(String room);

    /** The id of the newest message of any room, 0 when there is none. */
    long newestId();

    /**
     * Messages of every room with {@code afterId < id < beforeId}, oldest first, at most {@code limit}: what a node
     * that delivered up to {@code afterId} has not heard of, when the cluster's channel brings {@code beforeId} first
     * (or lost some while Redis was away).
     */
    List<StoredMessage> between(long afterId, long beforeId, int limit);

    /**
     * Messages after {@code afterId} in the room that are not the reader's and not deleted, counted up to
     * {@code atMost}: the count reads no more rows than that, however far behind the reader is.
     */
    long unread(String room, long afterId, String reader, int atMost);

    /**
     * Messages of the rooms containing every term (as a whole word, or for a prefix term also as the beginning of a
     * word), best match first and newest first among equals; deleted messages are never found.
     */
    List<StoredMessage> search(Collection<String> rooms, List<SearchTerm> terms, int limit);
}
