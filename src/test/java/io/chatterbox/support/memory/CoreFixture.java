package io.chatterbox.support.memory;

import java.util.Map;
import java.util.Set;

import io.chatterbox.accounts.InProcessRevocations;
import io.chatterbox.accounts.TokenVersions;
import io.chatterbox.chat.ChatService;
import io.chatterbox.chat.DirectRooms;
import io.chatterbox.chat.RoomEffects;
import io.chatterbox.chat.RoomService;
import io.chatterbox.chat.RoomViews;
import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.files.FileService;
import io.chatterbox.core.ChatOrder;
import io.chatterbox.core.Fanout;
import io.chatterbox.core.InProcessFanout;
import io.chatterbox.limits.InMemoryRateLimits;
import io.chatterbox.messages.MessageChanges;
import io.chatterbox.messages.MessageSearch;
import io.chatterbox.messages.MessageText;
import io.chatterbox.messages.MessageWriter;
import io.chatterbox.messages.ReadMarkers;
import io.chatterbox.messages.RoomHistory;
import io.chatterbox.metrics.ChatMetrics;
import io.chatterbox.presence.InMemoryPresence;
import io.chatterbox.presence.PresenceAnnouncer;
import io.chatterbox.presence.TypingNotices;
import io.chatterbox.rooms.RoomDirectory;
import io.chatterbox.rooms.RoomInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The core wired by hand on in-memory adapters, for the unit tier: no server, no database. By default chat order is
 * inline (no threads); {@link #withWriter} runs it on a real {@link MessageWriter}, which posting needs. The presence
 * interval passes only when the test runs the {@link ManualScheduler}.
 */
public final class CoreFixture implements AutoCloseable {

    public final ChatterboxConfig config;
    public final ChatMetrics metrics = new ChatMetrics(new SimpleMeterRegistry());
    public final InMemoryMessageLog log = new InMemoryMessageLog();
    public final InMemoryReadMarkers markers = new InMemoryReadMarkers();
    public final InMemoryAccounts accounts = new InMemoryAccounts(markers, log);
    public final InMemoryRoomStore roomStore = new InMemoryRoomStore(markers, log);
    public final RoomDirectory directory = new RoomDirectory(roomStore);
    public final MessageWriter writer;
    public final ChatOrder order;
    public final InMemorySessions sessions = new InMemorySessions();
    public final Fanout fanout = new InProcessFanout(sessions);
    public final ManualScheduler scheduler = new ManualScheduler();
    public final InMemoryPresence presence = new InMemoryPresence();
    public final InMemoryRateLimits rateLimits = new InMemoryRateLimits();
    public final InProcessRevocations revocations = new InProcessRevocations();
    public final TokenVersions tokenVersions = new TokenVersions(accounts, revocations);
    public final PresenceAnnouncer announcer;
    public final ReadMarkers readMarkers;
    public final RoomViews views;
    public final RoomHistory history;
    public final RoomService rooms;
    public final DirectRooms directRooms;
    public final MessageChanges changes;
    public final MessageSearch search;
    public final ChatService chat;

    public CoreFixture() {
        this(Map.of());
    }

    /** @param settings overrides of the defaults, by full property name */
    public CoreFixture(Map<String, String> settings) {
        this(settings, false);
    }

    /** A core whose chat order is a started {@link MessageWriter}; close it to stop the writer. */
    public static CoreFixture withWriter(Map<String, String> settings) {
        return new CoreFixture(settings, true);
    }

    private CoreFixture(Map<String, String> settings, boolean realWriter) {
        config = TestConfig.with(settings);
        writer = new MessageWriter(log, directory, metrics, config);
        order = realWriter ? writer : new InlineOrder();
        roomStore.create(new RoomInfo(RoomInfo.GENERAL, RoomInfo.Kind.PUBLIC, null, null, Set.of())); // as the schema does
        directory.load();
        announcer = new PresenceAnnouncer(scheduler, order, presence, directory, fanout, config);
        readMarkers = new ReadMarkers(order, log, markers, directory, fanout, rateLimits, config);
        views = new RoomViews(readMarkers);
        history = new RoomHistory(log, directory, fanout, rateLimits, config);
        RoomEffects effects = new RoomEffects(sessions, fanout, history, views, announcer, directory, roomStore, order);
        rooms = new RoomService(order, directory, roomStore, views, effects, presence, accounts, rateLimits, config);
        directRooms = new DirectRooms(order, directory, roomStore, accounts, views, effects);
        search = new MessageSearch(log, directory, rateLimits, config);
        // No file ports: the in-memory log stores no attachments, so no deletion here ever reaches them.
        changes = new MessageChanges(order, log, directory, new MessageText(config), fanout, rateLimits,
                new FileService(null, null, null, directory, rateLimits, config), config);
        chat = new ChatService(writer, history, directory, views, directRooms, sessions, fanout, presence, announcer,
                new TypingNotices(directory, fanout, rateLimits, config), changes, readMarkers, new MessageText(config),
                rateLimits, tokenVersions, config, metrics);
        if (realWriter) {
            writer.start();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (order == writer) {
            writer.stop();
        }
    }

    /** Registers the user and opens a session of theirs that hears all their rooms, as a join would. */
    public FakeSession connect(String username) {
        long id = accounts.findByName(username).map(account -> account.id()).orElseGet(() -> accounts.register(username));
        FakeSession session = new FakeSession(username, id);
        sessions.attach(session, directory.roomsOf(username));
        if (presence.sessionOpened(username)) {
            announcer.userChanged(username);
        }
        return session;
    }

    /** Closes the session, as leaving would. */
    public void disconnect(FakeSession session) {
        session.close();
        if (sessions.detach(session) && presence.sessionClosed(session.username())) {
            announcer.userChanged(session.username());
        }
    }
}
