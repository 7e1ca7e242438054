package io.chatterbox.support.memory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.chatterbox.core.ChatEvent;
import io.chatterbox.core.ClientSession;

/** A client session that keeps every event it is sent, for the unit tier. It hears every room and event type. */
public final class FakeSession implements ClientSession {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final String id = "fake-" + IDS.incrementAndGet();
    private final String username;
    private final long userId;
    private final int tokenVersion;
    private final List<ChatEvent> received = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;
    private volatile String endedBecause;

    public FakeSession(String username, long userId) {
        this(username, userId, 0);
    }

    public FakeSession(String username, long userId, int tokenVersion) {
        this.username = username;
        this.userId = userId;
        this.tokenVersion = tokenVersion;
    }

    /** Why the core ended the session, or null while it has not. */
    public String endedBecause() {
        return endedBecause;
    }

    /** Every event received so far, in order. */
    public List<ChatEvent> received() {
        return List.copyOf(received);
    }

    /** The events of one type received so far, in order. */
    public <T extends ChatEvent> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        received.clear();
    }

    public void close() {
        open = false;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public long userId() {
        return userId;
    }

    @Override
    public int tokenVersion() {
        return tokenVersion;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean receives(Class<? extends ChatEvent> type, String room) {
        return true;
    }

    @Override
    public void send(ChatEvent event) {
        received.add(event);
    }

    @Override
    public void end(String reason) {
        endedBecause = reason;
        open = false;
    }
}
