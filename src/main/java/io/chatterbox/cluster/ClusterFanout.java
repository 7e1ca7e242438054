package io.chatterbox.cluster;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.Fanout;
import io.chatterbox.core.NodeSessions;
import io.chatterbox.messages.MessageEvents;

/**
 * Fan-out across nodes: an event reaches this node's sessions at once (new messages in id order), then goes on the
 * cluster's channel for every other node to deliver to its own.
 */
final class ClusterFanout implements Fanout {

    private final NodeSessions sessions;
    private final OrderedMessages messages;
    private final ClusterChannel channel;

    ClusterFanout(NodeSessions sessions, OrderedMessages messages, ClusterChannel channel) {
        this.sessions = sessions;
        this.messages = messages;
        this.channel = channel;
    }

    @Override
    public void toRoomExcept(String room, ChatEvent event, String exceptUser) {
        deliverToRoom(room, event, exceptUser);
        channel.publish(Envelope.Kind.ROOM, room, exceptUser, event);
    }

    @Override
    public void toUser(String username, ChatEvent event) {
        sessions.deliverToUser(username, event);
        channel.publish(Envelope.Kind.USER, username, null, event);
    }

    @Override
    public long deliveredUpTo() {
        return messages.delivered();
    }

    /** This node's share of a room event, from here or from another node. */
    void deliverToRoom(String room, ChatEvent event, String exceptUser) {
        if (event instanceof MessageEvents.Posted posted) {
            messages.deliver(posted, exceptUser);
        } else {
            sessions.deliverToRoom(room, event, exceptUser);
        }
    }
}
