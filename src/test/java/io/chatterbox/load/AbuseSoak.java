package io.chatterbox.load;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;

/**
 * Abuse soak: a benchmark, not a test. Hostile clients mix every abuse the server limits (floods of messages, edits,
 * deletions, read markers, searches and typing; history pages while not reading; membership churn; failed logins and
 * registrations; reconnect loops) while {@link LoadGenerator} measures normal clients beside it. It only abuses and
 * counts what the server answered (frames by type, error codes, close codes, HTTP statuses); docs/performance.md
 * (round 6) has the method and the figures. Client i uses account i % accounts and abuse i % 8, so with the defaults
 * every account mixes two abuses on ten sockets (the default per-user socket cap).
 * Options: --url (127.0.0.1 only), --clients 200, --accounts 20, --duration 5m (or 315s), --json FILE, and
 * --abuses FLOOD,STALL,... to run only those clients' abuses (the others stay idle: no socket, no requests), which
 * tells which abuse costs what.
 */
public final class AbuseSoak {

    enum Abuse { FLOOD, EDIT, READ, STALL, CHURN, LOGIN, SEARCH, RECONNECT }

    private static final String PASSWORD = "abuse-soak-Pa55phrase";
    private static final String LONG_TEXT = "abuse flood " + "x".repeat(3988); // exactly the 4,000-character limit

    private final URI url;
    private final int clients;
    private final int accounts;
    private final Duration duration;
    private final Set<Abuse> abuses;
    private final String run = "ab" + Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);
    private final String victim = run + "_victim";
    // Vert.x, like LoadClient: two event loops carry all sockets cheaply (the JDK client cost far more CPU on the
    // core this shares with the generator); each hostile client is a plain loop on its own thread that waits on them.
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setBlockedThreadCheckInterval(10_000));
    private final HttpClient http;
    private final WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000)
            .setConnectTimeout(10_000).setClosingTimeout(5).setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final String[] tokens; // one per account, shared by its clients
    private volatile long deadline;

    private AbuseSoak(URI url, int clients, int accounts, Duration duration, Set<Abuse> abuses) {
        this.url = url;
        this.clients = clients;
        this.accounts = accounts;
        this.duration = duration;
        this.abuses = abuses;
        this.tokens = new String[accounts];
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(url.getHost())
                .setDefaultPort(url.getPort()).setMaxPoolSize(clients).setKeepAlive(true));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("url", "http://127.0.0.1:8080", "clients", "200", "accounts", "20",
                "abuses", String.join(",", Arrays.stream(Abuse.values()).map(Abuse::name).toList())));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI url = URI.create(o.get("url"));
        if (!"127.0.0.1".equals(url.getHost())) { // hostile traffic stays on this machine
            System.err.println("AbuseSoak targets 127.0.0.1 only, not " + url.getHost());
            return;
        }
        AbuseSoak soak = new AbuseSoak(url, Integer.parseInt(o.get("clients")), Integer.parseInt(o.get("accounts")),
                LoadOptions.duration(o.get("duration"), "5m"),
                Arrays.stream(o.get("abuses").split(",")).map(Abuse::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Abuse.class))));
        try {
            Map<String, Object> summary = soak.run();
            if (o.containsKey("json")) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(new File(o.get("json")), summary);
            }
        } finally {
            soak.vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> run() throws Exception {
        ProcessSample selfStart = ProcessSample.of("self");
        request(HttpMethod.POST, "/register", credentials(victim, PASSWORD), null, "setup-register");
        for (int a = 0; a < accounts; a++) {
            request(HttpMethod.POST, "/register", credentials(run + "_" + a, PASSWORD), null, "setup-register");
            String login = request(HttpMethod.POST, "/login", credentials(run + "_" + a, PASSWORD), null, "setup-login");
            if (login == null) {
                throw new IllegalStateException("the login of a hostile account failed (see the counts)");
            }
            tokens[a] = new ObjectMapper().readTree(login).path("access_token").asText();
        }
        System.err.printf("abuse soak %s: %d clients over %d accounts for %s, abuses %s%n", run, clients, accounts, duration, abuses);
        long started = System.nanoTime();
        deadline = started + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            if (abuses.contains(Abuse.values()[i % 8])) {
                pool.execute(new Hostile(i)::live);
            }
        }
        pool.shutdown();
        boolean stopped = pool.awaitTermination(duration.toSeconds() + 90, TimeUnit.SECONDS);
        Map<String, Object> summary = new LinkedHashMap<>(Map.of("run", run, "clients", clients, "accounts", accounts, "abuses", abuses,
                "seconds", Math.round((System.nanoTime() - started) / 1e9), "stoppedCleanly", stopped,
                "cpuPercent", Math.round(ProcessSample.cpuPercent(selfStart, ProcessSample.of("self")))));
        summary.put("counts", RunState.snapshot(counts));
        RunState.snapshot(counts).forEach((k, v) -> System.out.printf("%-56s %,10d%n", k, v));
        System.out.printf("%s s, stopped cleanly: %s, own CPU %s %% of a core%n", summary.get("seconds"), stopped,
                summary.get("cpuPercent"));
        return summary;
    }

    private void count(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static String credentials(String name, String password) {
        return "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    /** One HTTP request, counted as "http <label> <status>"; answers the body of a 2xx, else null. */
    private String request(HttpMethod method, String path, String body, String token, String label) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path).setIdleTimeout(15_000)
                .putHeader("Content-Type", "application/json");
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        try {
            return await(http.request(options).compose(r -> r.send(Buffer.buffer(body == null ? "" : body)))
                    .compose(r -> r.body().map(b -> {
                        count("http " + label + " " + r.statusCode());
                        return r.statusCode() / 100 == 2 ? b.toString() : null;
                    })), 20);
        } catch (Exception e) {
            count("http " + label + " failed: " + rootCause(e).getClass().getSimpleName());
            return null;
        }
    }

    private static <T> T await(Future<T> future, int seconds) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Whether {@code future} completes within {@code seconds}. */
    private static boolean within(CompletableFuture<?> future, int seconds) {
        try {
            future.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** One hostile client: a socket of its account plus one abuse, repeated at a fixed pace until the deadline. */
    private final class Hostile {
        private final int index;
        private final Abuse abuse;
        private final String token;
        private final Random random;
        private final ConcurrentLinkedDeque<Long> mine = new ConcurrentLinkedDeque<>(); // ids of the account's messages
        private volatile WebSocket socket;
        private volatile boolean closing;
        private volatile long lastId;
        private volatile CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);
        private volatile CompletableFuture<Void> joined;
        private long acts;

        Hostile(int index) {
            this.index = index;
            this.abuse = Abuse.values()[index % 8];
            this.token = tokens[index % accounts];
            this.random = new Random(index);
        }

        void live() {
            try {
                switch (abuse) { // the pace of each abuse, against the default limit it meets (per user unless said)
                    case FLOOD -> every(50, this::flood);         // 20/s per client, 100/s per account: 5/s, burst 20
                    case EDIT -> every(50, this::change);         // 20/s: edits and deletions 1/s, burst 10
                    case READ -> every(50, () -> send("{\"type\":\"read\",\"room\":\"general\",\"id\":" + lastId + "}")); // 4/s
                    case STALL -> every(0, this::stall);          // pages 20/s: 5/s; not reading: 1,000 frames or 4 MiB
                    case CHURN -> churn();                        // 4/s: 30 changes/min, 10/min per target, 20 rooms/h
                    case LOGIN -> every(200, this::badLogin);     // 5/s: 3 failures, then 1 s, 2 s, 4 s...; 20 per account
                    case SEARCH -> every(100, () -> request(HttpMethod.GET, "/api/search?q=" + (acts++ % 2 == 0 ? "flood"
                            : "abuse+x"), null, token, "search")); // 10/s: 1/s, burst 10
                    case RECONNECT -> every(300, this::reconnect); // ~2 upgrades/s: only the socket cap limits them
                }
            } catch (RuntimeException e) {
                count("client failed: " + abuse + " " + e.getClass().getSimpleName());
            } finally {
                close();
            }
        }

        /** Runs {@code act} every {@code millis} until the deadline, reopening the socket first if it was closed. */
        private void every(long millis, Runnable act) {
            while (System.nanoTime() < deadline) {
                if (abuse != Abuse.RECONNECT && closed.isDone()) {
                    connect();
                }
                act.run();
                pause(millis);
            }
        }

        private void flood() {
            String text = acts++ % 2 == 0 ? LONG_TEXT : "abuse flood " + acts;
            send("{\"type\":\"message\",\"room\":\"general\",\"text\":\"" + text + "\",\"clientId\":\"" + run + "-" + index + "-" + acts + "\"}");
        }

        /**
         * Edits the account's newest message and deletes its oldest, posting one every 4 s so there is something to
         * change (posting whenever nothing is left would turn this into a second message flood); with nothing of its
         * own yet it aims at the newest message seen, someone else's.
         */
        private void change() {
            if (acts++ % 80 == 0) {
                send("{\"type\":\"message\",\"room\":\"general\",\"text\":\"abuse to edit " + acts + "\"}");
                return;
            }
            boolean delete = random.nextInt(4) == 0 && mine.size() > 1;
            Long id = delete ? mine.pollFirst() : mine.peekLast();
            send("{\"type\":\"" + (delete ? "delete" : "edit") + "\",\"room\":\"general\",\"id\":" + (id == null ? lastId : id)
                    + (delete ? "" : ",\"text\":\"abuse edit " + acts + "\"") + "}");
        }

        /**
         * Stops reading and asks for pages of 100 for 60 s, then reads again to see how the server ended it. So long
         * because the kernel holds several MB of a loopback socket's frames (tcp_rmem up to 32 MB here) before any
         * count on the server's side.
         */
        private void stall() {
            WebSocket ws = socket;
            if (closed.isDone()) {
                return; // the upgrade failed; every() tries again
            }
            ws.pause(); // Vert.x stops reading the TCP socket once its few buffered frames are full
            long until = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
            while (System.nanoTime() < until && !closed.isDone()) {
                send("{\"type\":\"history\",\"room\":\"general\",\"limit\":100}");
                pause(50);
            }
            ws.resume();
            count(within(closed, 10) ? "stall ended: dropped by the server" : "stall ended: still connected");
            close();
        }

        /** Adds and removes the victim in a private room, joins and leaves another client's public room, creates rooms. */
        private void churn() {
            String own = run + "p" + index;
            String other = run + "q" + ((index + 8) % clients); // a churn client of another account
            request(HttpMethod.POST, "/api/rooms", "{\"name\":\"" + own + "\",\"private\":true}", token, "create-room");
            request(HttpMethod.POST, "/api/rooms", "{\"name\":\"" + run + "q" + index + "\"}", token, "create-room");
            every(250, () -> {
                switch ((int) (acts++ % 5)) {
                    case 0 -> request(HttpMethod.POST, "/api/rooms/" + own + "/members", "{\"username\":\"" + victim + "\"}", token, "add-member");
                    case 1 -> request(HttpMethod.DELETE, "/api/rooms/" + own + "/members/" + victim, null, token, "remove-member");
                    case 2 -> request(HttpMethod.POST, "/api/rooms/" + other + "/join", "", token, "join");
                    case 3 -> request(HttpMethod.POST, "/api/rooms/" + other + "/leave", "", token, "leave");
                    default -> request(HttpMethod.POST, "/api/rooms", "{\"name\":\"" + run + "r" + index + "x" + acts + "\"}", token, "create-room");
                }
            });
        }

        /** Wrong passwords against the victim; every fifth attempt a registration (name taken, common password, new). */
        private void badLogin() {
            long n = acts++;
            String label = n % 5 != 4 ? "bad-login" : n % 15 == 4 ? "register-taken" : n % 15 == 9 ? "register-common" : "register-new";
            String name = label.equals("register-new") || label.equals("register-common") ? run + "n" + index + "x" + n : victim;
            String password = label.equals("bad-login") ? "wrong-" + n : label.equals("register-common") ? "password" : PASSWORD;
            request(HttpMethod.POST, label.equals("bad-login") ? "/login" : "/register", credentials(name, password), null, label);
        }

        /** Opens a socket, sends ten typing frames 20 ms apart (one per 2 s is forwarded), closes it. */
        private void reconnect() {
            connect();
            for (int i = 0; i < 10 && !closed.isDone(); i++) {
                send("{\"type\":\"typing\",\"room\":\"general\"}");
                pause(20);
            }
            close();
        }

        /** Opens /ws?v=2 and waits for its rooms frame, so that each abuse starts on a joined socket. */
        private void connect() {
            CompletableFuture<Void> gone = new CompletableFuture<>();
            joined = new CompletableFuture<>();
            closing = false;
            closed = gone;
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
                    .setURI("/ws?v=2").addHeader("Authorization", "Bearer " + token);
            try {
                socket = await(sockets.connect(options).map(ws -> { // handlers set on the event loop, before any frame
                    ws.frameHandler(this::onFrame);
                    ws.exceptionHandler(e -> count("socket error: " + e.getClass().getSimpleName()));
                    ws.closeHandler(v -> {
                        count(closing ? "closed by us, server answered " + ws.closeStatusCode()
                                : "closed by server " + ws.closeStatusCode() + " " + ws.closeReason());
                        gone.complete(null);
                        joined.complete(null);
                    });
                    return ws;
                }), 15);
            } catch (Exception e) {
                Throwable cause = rootCause(e);
                count(cause instanceof UpgradeRejectedException refused ? "upgrade refused " + refused.getStatus()
                        : "upgrade failed: " + cause.getClass().getSimpleName());
                gone.complete(null);
                pause(1000); // retried, but not in a tight loop
                return;
            }
            count(within(joined, 10) ? "upgrade 101" : "upgrade 101, no rooms frame within 10 s");
        }

        private void send(String frame) {
            WebSocket ws = socket;
            if (ws == null || closed.isDone()) {
                count("not sent: socket closed");
                return;
            }
            try {
                await(ws.writeTextMessage(frame), 10);
                count("sent " + frame.substring(9, frame.indexOf('"', 9)));
            } catch (Exception e) {
                count("send failed: " + rootCause(e).getClass().getSimpleName());
            }
        }

        /** Closes with 1000 and waits for the server's answer (Vert.x drops the TCP connection after 5 s without one). */
        private void close() {
            WebSocket ws = socket;
            if (ws != null && !closed.isDone()) {
                closing = true;
                ws.resume();
                ws.close((short) 1000, "bye");
                if (!within(closed, 10)) {
                    count("closed by us: no answer");
                }
            }
        }

        /**
         * Decodes only the first 200 bytes of a text frame (type, code, id, username): decoding whole texts and
         * histories would cost the core this shares with the load generator. The server does not fragment frames.
         */
        private void onFrame(WebSocketFrame raw) {
            if (!raw.isText()) {
                return; // the close frame is counted by the close handler
            }
            String frame = raw.binaryData().getString(0, Math.min(raw.binaryData().length(), 200));
            String type = field(frame, "type");
            count("frame " + type + ("error".equals(type) ? " " + field(frame, "code") : ""));
            if ("rooms".equals(type)) {
                joined.complete(null);
            } else if ("message".equals(type)) {
                int at = frame.indexOf("\"id\":") + 5;
                long id = Long.parseLong(frame, at, frame.indexOf(',', at), 10);
                lastId = Math.max(lastId, id);
                if (abuse == Abuse.EDIT && (run + "_" + index % accounts).equals(field(frame, "username"))) {
                    mine.addLast(id);
                }
            }
        }

        private static String field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":\"");
            int end = at < 0 ? -1 : json.indexOf('"', at + name.length() + 4);
            return end < 0 ? "?" : json.substring(at + name.length() + 4, end);
        }
    }
}
