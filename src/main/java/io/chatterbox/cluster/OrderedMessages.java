package io.chatterbox.cluster;

import io.chatterbox.core.NodeSessions;
import io.chatterbox.messages.MessageEvents;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.StoredMessage;

/**
 * New messages reach this node's sessions in id order, each once, wherever they were posted. Ids are drawn in commit
 * order cluster-wide, so when message N is heard every message below N that will ever exist is already stored: a
 * message that arrives ahead of its predecessors (another node published later, or Redis was away) first brings the
 * missing ones in from the store. The channel is the fast path; the store of record decides what was said.
 */
final class OrderedMessages {

    /** Most messages filled in one go; a node further behind than this leaves the rest to its clients' resume. */
    static final int FILL_LIMIT = 10_000;

    private final MessageLog log;
    private final NodeSessions sessions;
    /** The highest id delivered (or known to be older than this node's start). */
    private long delivered;

    OrderedMessages(MessageLog log, NodeSessions sessions) {
        this.log = log;
        this.sessions = sessions;
    }

    /** Messages up to {@code id} were stored before this node listened: its sessions get them as history. */
    synchronized void startAfter(long id) {
        delivered = Math.max(delivered, id);
    }

    /** The highest id delivered here: every message up to it has been, and none after it yet. */
    synchronized long delivered() {
        return delivered;
    }

    synchronized void deliver(MessageEvents.Posted posted, String exceptUser) {
        long id = posted.message().id();
        if (id <= delivered) {
            return;
        }
        if (id > delivered + 1) {
            fillBefore(id);
        }
        sessions.deliverToRoom(posted.room(), posted, exceptUser);
        delivered = id;
    }

    /** After the channel was lost: everything stored since the last delivery. */
    synchronized void catchUp() {
        fillBefore(Long.MAX_VALUE);
    }

    private void fillBefore(long id) {
        for (StoredMessage missing : log.between(delivered, id, FILL_LIMIT)) {
            sessions.deliverToRoom(missing.room(), new MessageEvents.Posted(missing), null);
            delivered = missing.id();
        }
    }
}
