package io.chatterbox.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.chatterbox.presence.OnlineCounts;
import io.chatterbox.presence.Presence;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Who is online in the whole cluster, counted per person over every node's sessions. Each node counts its own
 * sessions exactly, keeps the counts in a Redis hash of its own (so another node can read them whole when it starts
 * or has missed a notice) and tells each change on the channel, numbered; the other nodes' counts are kept here as
 * last heard. Every node says it is alive with a heartbeat (which renews its hash's expiry) five times per lease; a
 * node not heard for a whole lease is taken as gone, and its people as offline unless they are on another node. A
 * node that stops normally says so, and is forgotten at once.
 * <p>
 * Changes are absolute counts, so hearing one twice, or reading a hash that already holds it, does no harm; a
 * numbered change that does not follow the last one heard, or a heartbeat with a later number than the last one
 * heard, means notices were missed, and the node's hash is read again.
 */
final class ClusterPresence implements Presence {

    private static final Logger LOG = Logger.getLogger(ClusterPresence.class);

    /** The field of a node's hash that holds the number of its latest change. */
    private static final String SEQ = "_seq";

    /** Another node's counts as last heard; touched in chat order only. */
    private static final class Peer {
        final Map<String, Integer> sessions = new HashMap<>();
        long seq;
        long heardNanos;
    }

    private final ClusterBus bus;
    private final ClusterChannel channel;
    private final String keyPrefix;
    private final Duration lease;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** This node's sessions per person. */
    private final Map<String, Integer> here = new ConcurrentHashMap<>();
    /** The other nodes' sessions per person, summed. */
    private final Map<String, Integer> elsewhere = new ConcurrentHashMap<>();
    /** Per person online, the number of nodes (this one included) where they have a session. */
    private final OnlineCounts nodesHolding = new OnlineCounts();
    private final Map<String, Peer> peers = new HashMap<>();
    private final Set<String> reloading = new HashSet<>();
    private long seq; // guarded by this, with the writes and notices it numbers

    ClusterPresence(ClusterBus bus, ClusterChannel channel, String redisPrefix, Duration lease) {
        this.bus = bus;
        this.channel = channel;
        this.keyPrefix = redisPrefix + ":sessions:";
        this.lease = lease;
    }

    /** How often a node says it is alive: five heartbeats per lease, so one or two lost ones do no harm. */
    Duration heartbeatInterval() {
        return lease.dividedBy(5);
    }

    @Override
    public synchronized boolean sessionOpened(String username) {
        int count = here.merge(username, 1, Integer::sum);
        tell(username, count);
        return count == 1 && nodesHolding.add(username);
    }

    @Override
    public synchronized boolean sessionClosed(String username) {
        if (!here.containsKey(username)) {
            return false;
        }
        Integer left = here.computeIfPresent(username, (user, count) -> count == 1 ? null : count - 1);
        tell(username, left == null ? 0 : left);
        return left == null && nodesHolding.remove(username);
    }

    @Override
    public boolean isOnline(String username) {
        return nodesHolding.contains(username);
    }

    @Override
    public List<String> online() {
        return nodesHolding.online();
    }

    @Override
    public int onlineCount() {
        return nodesHolding.size();
    }

    @Override
    public void onChangedElsewhere(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** People with a session on this node: its share of the cluster, for its metrics. */
    int onlineHere() {
        return here.size();
    }

    /** The user's sessions on the other nodes, as last heard. */
    int sessionsElsewhere(String username) {
        return elsewhere.getOrDefault(username, 0);
    }

    /** Writes this node's hash whole: when it starts, and when Redis is back (it may have lost everything). */
    synchronized void writeAll() {
        seq++;
        String key = key(bus.node());
        write(Request.cmd(Command.DEL).arg(key));
        Request all = Request.cmd(Command.HSET).arg(key).arg(SEQ).arg(seq);
        here.forEach((username, count) -> all.arg(username).arg(count));
        write(all);
        heartbeat();
    }

    /** Renews this node's hash and tells the others it is alive and where its counts stand. */
    synchronized void heartbeat() {
        write(Request.cmd(Command.PEXPIRE).arg(key(bus.node())).arg(lease.multipliedBy(3).toMillis()));
        channel.publish(Envelope.Kind.HEARTBEAT, null, null, new Envelope.Heartbeat(seq));
    }

    /** Another node's change of one person's count (in chat order). */
    void heard(String node, String username, Envelope.Sessions change) {
        Peer peer = peers.get(node);
        if (peer == null || change.seq() != peer.seq + 1) {
            if (peer == null || change.seq() > peer.seq) {
                reload(node);
            }
            return;
        }
        peer.seq = change.seq();
        peer.heardNanos = System.nanoTime();
        setElsewhere(peer, username, change.count());
    }

    /** Another node's heartbeat (in chat order). */
    void heard(String node, Envelope.Heartbeat beat) {
        Peer peer = peers.get(node);
        if (peer != null) {
            peer.heardNanos = System.nanoTime();
        }
        if (peer == null || beat.seq() > peer.seq) {
            reload(node);
        }
    }

    /** Forgets the nodes not heard for a whole lease (in chat order): their people are offline there. */
    void forgetSilentNodes() {
        long now = System.nanoTime();
        peers.entrySet().stream()
                .filter(entry -> now - entry.getValue().heardNanos > lease.toNanos())
                .map(Map.Entry::getKey).toList()
                .forEach(this::forget);
    }

    /** Another node said it is stopping (in chat order): its people are offline there at once. */
    void forget(String node) {
        Peer peer = peers.remove(node);
        if (peer != null) {
            List.copyOf(peer.sessions.keySet()).forEach(username -> setElsewhere(peer, username, 0));
        }
    }

    /**
     * This node is stopping: its hash goes, and the others are told not to wait for its lease (its sockets may still
     * be open, or their closing may never be told). Completes once Redis has taken the notice.
     */
    synchronized Future<?> leave() {
        write(Request.cmd(Command.DEL).arg(key(bus.node())));
        return channel.publish(Envelope.Kind.LEAVING, null, null, new Envelope.Leaving());
    }

    /** Reads another node's hash, then takes it for that node's counts unless it is older than what was heard. */
    private void reload(String node) {
        if (!reloading.add(node)) {
            return;
        }
        bus.send(Request.cmd(Command.HGETALL).arg(key(node))).onComplete(read -> channel.runInOrder(() -> {
            reloading.remove(node);
            if (read.succeeded()) {
                loaded(node, fields(read.result()));
            }
        }));
    }

    private void loaded(String node, Map<String, String> hash) {
        String loadedSeq = hash.remove(SEQ);
        if (loadedSeq == null) {
            return; // gone, or not written again yet since Redis came back: its next heartbeat tells
        }
        Peer peer = peers.get(node);
        if (peer != null && Long.parseLong(loadedSeq) < peer.seq) {
            return;
        }
        Peer target = peer != null ? peer : new Peer();
        if (peer == null) {
            peers.put(node, target);
        }
        target.seq = Long.parseLong(loadedSeq);
        target.heardNanos = System.nanoTime();
        for (String username : List.copyOf(target.sessions.keySet())) {
            if (!hash.containsKey(username)) {
                setElsewhere(target, username, 0);
            }
        }
        hash.forEach((username, count) -> setElsewhere(target, username, Integer.parseInt(count)));
    }

    private void setElsewhere(Peer peer, String username, int count) {
        Integer previous = count == 0 ? peer.sessions.remove(username) : peer.sessions.put(username, count);
        int before = previous == null ? 0 : previous;
        if (before == count) {
            return;
        }
        elsewhere.merge(username, count - before, (sum, change) -> sum + change == 0 ? null : sum + change);
        boolean changed = before == 0 ? nodesHolding.add(username) : count == 0 && nodesHolding.remove(username);
        if (changed) {
            listeners.forEach(listener -> listener.accept(username));
        }
    }

    /** Tells this node's new count for the user: into its hash, then on the channel, both numbered. */
    private void tell(String username, int count) {
        seq++;
        String key = key(bus.node());
        if (count == 0) {
            write(Request.cmd(Command.HDEL).arg(key).arg(username));
            write(Request.cmd(Command.HSET).arg(key).arg(SEQ).arg(seq));
        } else {
            write(Request.cmd(Command.HSET).arg(key).arg(username).arg(count).arg(SEQ).arg(seq));
        }
        channel.publish(Envelope.Kind.SESSIONS, username, null, new Envelope.Sessions(count, seq));
    }

    /** Without Redis a write is lost: {@link #writeAll} rewrites the hash when Redis is back. */
    private void write(Request command) {
        bus.send(command).onFailure(failure -> LOG.debugf("Session counts not written to Redis: %s", failure.getMessage()));
    }

    private String key(String node) {
        return keyPrefix + node;
    }

    /** A hash's fields, whether Redis answered in RESP3 (a map) or RESP2 (a flat list of names and values). */
    private static Map<String, String> fields(Response hash) {
        Map<String, String> fields = new HashMap<>();
        if (hash == null) {
            return fields;
        }
        if (hash.isMap()) {
            hash.getKeys().forEach(field -> fields.put(field, hash.get(field).toString()));
        } else {
            for (int i = 0; i + 1 < hash.size(); i += 2) {
                fields.put(hash.get(i).toString(), hash.get(i + 1).toString());
            }
        }
        return fields;
    }
}
