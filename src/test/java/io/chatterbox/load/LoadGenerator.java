package io.chatterbox.load;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * Chatterbox load generator. Registers and logs in accounts over HTTP, opens N WebSockets (the connect storm),
 * lets S of them send on a fixed schedule (open loop, so latency is free of coordinated omission), and reports
 * end-to-end latency (receive time minus intended send time) in an HDR histogram, lost / duplicated / out-of-order
 * deliveries, error frames by code, and the server's RSS and CPU. Run with {@code --help} for the options;
 * docs/performance.md has the method and the figures.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LoadOptions options;
    private final Vertx vertx;
    private final RunState state;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final AtomicInteger setupRetries = new AtomicInteger();

    private LoadGenerator(LoadOptions options) {
        this.options = options;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.loops()).setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(10_000));
        String run = Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);
        this.state = new RunState(run, options.senders(), options.size());
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(1);
            return;
        }
        LoadGenerator generator = new LoadGenerator(options);
        int status;
        try {
            status = generator.run();
        } catch (Exception e) {
            System.err.println("load run failed: " + e);
            status = 1;
        } finally {
            generator.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(status);
    }

    private int run() throws Exception {
        ProcessSample serverAtStart = sampleServer();
        ProcessSample selfAtStart = ProcessSample.of("self");

        // 1. Accounts: register (409 = exists, fine) and log in, a bounded number in flight.
        long t0 = System.nanoTime();
        List<String> tokens = accounts();
        List<String> rooms = rooms(tokens);
        double setupSeconds = (System.nanoTime() - t0) / 1e9;
        ProcessSample serverBeforeConnect = sampleServer();

        // 2. Connect storm: all sockets at once (bounded by --connect-concurrency); time to 101 and to history.
        WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(options.clients() + 16).setConnectTimeout(60_000)
                .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024));
        List<LoadClient> clients = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            clients.add(new LoadClient(vertx, state, new DeliveryLedger(sendersInRoomOf(i)),
                    rooms.isEmpty() ? null : rooms.get(options.roomOf(i))));
        }
        AtomicInteger connectFailures = new AtomicInteger();
        Map<String, Integer> connectFailureCauses = new LinkedHashMap<>();
        long stormStart = System.nanoTime();
        long[] upgradedAt = new long[1];
        List<Boolean> connected = bounded(options.clients(), options.connectConcurrency(), i -> clients.get(i)
                .connect(sockets, options.nodeOf(i), tokens.get(options.userOf(i)))
                .compose(up -> clients.get(i).joined())
                .map(true)
                .otherwise(failure -> {
                    connectFailures.incrementAndGet();
                    synchronized (connectFailureCauses) {
                        connectFailureCauses.merge(String.valueOf(failure.getMessage()), 1, Integer::sum);
                    }
                    return false;
                })).get(10, TimeUnit.MINUTES);
        upgradedAt[0] = System.nanoTime();
        double stormMillis = (upgradedAt[0] - stormStart) / 1e6;
        List<LoadClient> live = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            if (connected.get(i)) {
                live.add(clients.get(i));
            }
        }
        System.err.printf(Locale.ROOT, "connected %d of %d sockets in %.0f ms (all joined: history received)%n",
                live.size(), options.clients(), stormMillis);
        awaitQuiet(options.settle().toMillis());
        ProcessSample serverConnected = sampleServer();

        // 3. Sending on a fixed schedule, or holding the connections idle.
        int senders = options.senders();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long measureFrom = start + options.warmup().toNanos();
        long measureUntil = measureFrom + options.duration().toNanos();
        state.measureFrom = measureFrom;
        state.measureUntil = measureUntil;
        if (senders > 0) {
            long globalInterval = Math.round(1e9 / options.rate());
            for (int s = 0; s < senders; s++) {
                clients.get(options.clientOfSender(s)).startSending(s, start + s * globalInterval, globalInterval * senders,
                        measureUntil);
            }
            System.err.printf(Locale.ROOT, "sending %.0f msg/s from %d senders for %s warm-up + %s%n",
                    options.rate(), senders, options.warmup(), options.duration());
        }
        sleepUntil(measureFrom);
        long deliveriesAtFrom = state.deliveries.sum();
        ProcessSample serverFrom = sampleServer();
        ProcessSample selfFrom = ProcessSample.of("self");
        sleepUntil(measureUntil);
        long deliveriesAtUntil = state.deliveries.sum();
        ProcessSample serverUntil = sampleServer();
        ProcessSample selfUntil = ProcessSample.of("self");

        // 4. Drain: wait for late frames while they still come.
        long[] sent = state.sent();
        long sentTotal = 0;
        for (long n : sent) {
            sentTotal += n;
        }
        long expected = 0;
        for (LoadClient client : live) {
            expected += client.ledger().expected(sent);
        }
        long drainStart = System.nanoTime();
        long lastProgress = drainStart;
        long lastUnique = -1;
        while (state.uniqueDeliveries.sum() < expected
                && System.nanoTime() - lastProgress < options.drain().toNanos()) {
            long unique = state.uniqueDeliveries.sum();
            if (unique != lastUnique) {
                lastUnique = unique;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(50);
        }
        double drainMillis = (System.nanoTime() - drainStart) / 1e6;
        ProcessSample serverEnd = sampleServer();

        // 5. Accounting.
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long idRegressions = 0;
        long unknown = 0;
        for (LoadClient client : live) {
            DeliveryLedger ledger = client.ledger();
            lost += ledger.missing(sent);
            duplicates += ledger.duplicates();
            outOfOrder += ledger.outOfOrder();
            idRegressions += ledger.idRegressions();
            unknown += ledger.unknown();
        }
        Map<String, Long> serverCloses = RunState.snapshot(state.serverCloses);
        Map<String, Long> errors = RunState.snapshot(state.errorsByCode);
        List<Future<Void>> closes = new ArrayList<>();
        live.forEach(client -> closes.add(client.close()));
        Future.join(closes).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        Histogram latency = state.latencyMicros.getIntervalHistogram();
        double seconds = options.duration().toNanos() / 1e9;
        results.put("run", state.run);
        results.put("clients", options.clients());
        results.put("users", options.users());
        results.put("senders", senders);
        results.put("rooms", options.rooms());
        results.put("sizeChars", options.size());
        results.put("offeredMsgsPerSec", senders > 0 ? options.rate() : 0);
        results.put("sentMsgs", sentTotal);
        results.put("deliveriesPerSec", round((deliveriesAtUntil - deliveriesAtFrom) / seconds));
        results.put("expectedDeliveries", expected);
        results.put("uniqueDeliveries", state.uniqueDeliveries.sum());
        results.put("latencySamples", latency.getTotalCount());
        results.put("p50Ms", millis(latency, 50));
        results.put("p90Ms", millis(latency, 90));
        results.put("p99Ms", millis(latency, 99));
        results.put("p999Ms", millis(latency, 99.9));
        results.put("maxMs", latency.getTotalCount() == 0 ? 0 : round(latency.getMaxValue() / 1000.0));
        results.put("lost", lost);
        results.put("duplicated", duplicates);
        results.put("outOfOrder", outOfOrder);
        results.put("idRegressions", idRegressions);
        results.put("unknownSender", unknown);
        results.put("errorFrames", errors);
        results.put("sendFailures", state.sendFailures.sum());
        results.put("connectFailures", connectFailures.get());
        results.put("connectFailureCauses", connectFailureCauses);
        results.put("serverClosed", serverCloses);
        results.put("connectStormMs", round(stormMillis));
        results.put("setupSeconds", round(setupSeconds));
        results.put("setupRetriesAfter5xx", setupRetries.get());
        results.put("drainMs", round(drainMillis));
        results.put("maxSendLagMs", round(state.maxSendLagNanos.get() / 1e6));
        results.put("presenceFrames", state.presenceFrames.sum());
        results.put("foreignMessages", state.foreignMessages.sum());
        results.put("serverPid", options.pid());
        results.put("serverRssKbAtStart", serverAtStart == null ? null : serverAtStart.rssKb());
        results.put("serverRssKbBeforeConnect", serverBeforeConnect == null ? null : serverBeforeConnect.rssKb());
        results.put("serverRssKbConnected", serverConnected == null ? null : serverConnected.rssKb());
        results.put("serverRssKbEnd", serverUntil == null ? null : serverUntil.rssKb());
        results.put("serverRssKbPerConnection", serverBeforeConnect == null || live.isEmpty() ? null
                : round((serverConnected.rssKb() - serverBeforeConnect.rssKb()) / (double) live.size()));
        results.put("serverCpuPercent", round(ProcessSample.cpuPercent(serverFrom, serverUntil)));
        results.put("serverCpuPercentConnectStorm", round(ProcessSample.cpuPercent(serverBeforeConnect, serverConnected)));
        results.put("generatorCpuPercent", round(ProcessSample.cpuPercent(selfFrom, selfUntil)));
        results.put("generatorCpuPercentWholeRun", round(ProcessSample.cpuPercent(selfAtStart, ProcessSample.of("self"))));
        results.put("serverCpuSecondsWholeRun", serverAtStart == null || serverEnd == null ? null
                : round((serverEnd.cpuTicks() - serverAtStart.cpuTicks()) / (double) ProcessSample.TICKS_PER_SECOND));
        printTable();
        if (options.json() != null) {
            JSON.writeValue(new File(options.json()), results);
            System.err.println("wrote " + options.json());
        }
        boolean clean = lost == 0 && duplicates == 0 && outOfOrder == 0 && idRegressions == 0 && unknown == 0
                && errors.isEmpty() && connectFailures.get() == 0 && serverCloses.isEmpty() && state.sendFailures.sum() == 0;
        return clean ? 0 : 2;
    }

    private List<String> accounts() throws Exception {
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(options.url().getHost())
                .setDefaultPort(options.url().getPort()).setMaxPoolSize(options.httpConcurrency()).setKeepAlive(true));
        try {
            return bounded(options.users(), options.httpConcurrency(), i -> {
                String body = "{\"username\":\"lg" + state.run + "_" + i + "\",\"password\":\"" + options.password() + "\"}";
                return withRetries(() -> post(http, "/register", body), 5).compose(registered -> {
                    if (registered.status != 201 && registered.status != 409) {
                        return Future.failedFuture("register: HTTP " + registered.status + " " + registered.body
                                + " (start the server with the limits raised; see docs/performance.md)");
                    }
                    return withRetries(() -> post(http, "/login", body), 5);
                }).compose(login -> {
                    if (login.status != 200) {
                        return Future.failedFuture("login: HTTP " + login.status + " " + login.body);
                    }
                    return Future.succeededFuture(new io.vertx.core.json.JsonObject(login.body).getString("access_token"));
                });
            }).get(10, TimeUnit.MINUTES);
        } finally {
            http.close();
        }
    }

    /** The senders whose messages client {@code i} expects: those in its room. */
    private int[] sendersInRoomOf(int client) {
        return java.util.stream.IntStream.range(0, options.senders())
                .filter(s -> options.roomOf(options.clientOfSender(s)) == options.roomOf(client)).toArray();
    }

    /**
     * With --rooms: the first account of each room creates it (public) and the room's other accounts join it, so
     * every account is in exactly one room besides general and all of its connections hear that room. Returns the room ids in order (empty without --rooms).
     */
    private List<String> rooms(List<String> tokens) throws Exception {
        if (options.rooms() == 0) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int r = 0; r < options.rooms(); r++) {
            names.add("lg" + state.run + "-" + r);
        }
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(options.url().getHost())
                .setDefaultPort(options.url().getPort()).setMaxPoolSize(options.httpConcurrency()).setKeepAlive(true));
        try {
            int usersPerRoom = options.users() / options.rooms();
            bounded(options.rooms(), options.httpConcurrency(), r -> expect(201, withRetries(() -> post(http, "/api/rooms",
                    "{\"name\":\"" + names.get(r) + "\"}", tokens.get(r * usersPerRoom)), 5), "create room"))
                    .get(10, TimeUnit.MINUTES);
            bounded(options.users(), options.httpConcurrency(), u -> u % usersPerRoom == 0
                    ? Future.succeededFuture(null)
                    : expect(200, withRetries(() -> post(http, "/api/rooms/" + names.get(u / usersPerRoom) + "/join", "",
                            tokens.get(u)), 5), "join room"))
                    .get(10, TimeUnit.MINUTES);
        } finally {
            http.close();
        }
        System.err.printf(Locale.ROOT, "%d rooms of %d clients ready%n", options.rooms(), options.roomSize());
        return names;
    }

    private static Future<Response> expect(int status, Future<Response> response, String what) {
        return response.compose(answer -> answer.status == status ? Future.succeededFuture(answer)
                : Future.failedFuture(what + ": HTTP " + answer.status + " " + answer.body));
    }

    private record Response(int status, String body) {
    }

    /** Retries a request answered with a 5xx, counting each retry: the setup should not die of one server error. */
    private Future<Response> withRetries(java.util.function.Supplier<Future<Response>> request, int attempts) {
        return request.get().compose(response -> {
            if (response.status >= 500 && attempts > 1) {
                setupRetries.incrementAndGet();
                return withRetries(request, attempts - 1);
            }
            return Future.succeededFuture(response);
        });
    }

    private static Future<Response> post(HttpClient http, String path, String body) {
        return post(http, path, body, null);
    }

    private static Future<Response> post(HttpClient http, String path, String body, String token) {
        return http.request(HttpMethod.POST, path).compose(request -> (token == null ? request
                : request.putHeader("Authorization", "Bearer " + token))
                .putHeader("Content-Type", "application/json")
                .send(Buffer.buffer(body))
                .compose(response -> response.body().map(b -> new Response(response.statusCode(), b.toString()))));
    }

    /** Runs {@code task(0..count-1)} with at most {@code concurrency} in flight; results in index order. */
    private static <T> CompletableFuture<List<T>> bounded(int count, int concurrency, IntFunction<Future<T>> task) {
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        List<T> results = new ArrayList<>(java.util.Collections.nCopies(count, null));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        if (count == 0) {
            all.complete(results);
            return all;
        }
        Runnable[] worker = new Runnable[1];
        worker[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count || all.isDone()) {
                return;
            }
            task.apply(i).onComplete(result -> {
                if (result.failed()) {
                    all.completeExceptionally(result.cause());
                    return;
                }
                synchronized (results) {
                    results.set(i, result.result());
                }
                if (done.incrementAndGet() == count) {
                    synchronized (results) {
                        all.complete(new ArrayList<>(results));
                    }
                } else {
                    worker[0].run();
                }
            });
        };
        for (int w = 0; w < Math.min(concurrency, count); w++) {
            worker[0].run();
        }
        return all;
    }

    /** Waits until no presence or other frame has arrived for {@code quietMillis} (presence storms settle). */
    private void awaitQuiet(long quietMillis) throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long frames = state.presenceFrames.sum() + state.otherFrames.sum();
            if (frames != last) {
                last = frames;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(quietMillis)) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private ProcessSample sampleServer() {
        return options.pid() == null ? null : ProcessSample.ofAll(options.pid());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : round(histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private void printTable() throws IOException {
        String[][] rows = {
                {"clients / users / senders / rooms", results.get("clients") + " / " + results.get("users") + " / "
                        + results.get("senders") + " / " + results.get("rooms")},
                {"text size (chars)", str("sizeChars")},
                {"offered msgs/s", str("offeredMsgsPerSec")},
                {"delivered msgs/s (all clients)", str("deliveriesPerSec")},
                {"latency p50 / p90 / p99 (ms)", str("p50Ms") + " / " + str("p90Ms") + " / " + str("p99Ms")},
                {"latency p99.9 / max (ms)", str("p999Ms") + " / " + str("maxMs")},
                {"latency samples", str("latencySamples")},
                {"sent / expected deliveries", str("sentMsgs") + " / " + str("expectedDeliveries")},
                {"lost", str("lost")},
                {"duplicated", str("duplicated")},
                {"out of order (per sender)", str("outOfOrder")},
                {"id regressions (per socket)", str("idRegressions")},
                {"error frames by code", str("errorFrames")},
                {"send failures / connect failures", str("sendFailures") + " / " + str("connectFailures")},
                {"closed by server (by code)", str("serverClosed")},
                {"connect storm, all joined (ms)", str("connectStormMs")},
                {"account setup (s) / retries after 5xx", str("setupSeconds") + " / " + str("setupRetriesAfter5xx")},
                {"server RSS start / connected / end (MB)", mb("serverRssKbAtStart") + " / " + mb("serverRssKbConnected") + " / " + mb("serverRssKbEnd")},
                {"server RSS per connection (KB)", str("serverRssKbPerConnection")},
                {"server CPU % (measured window / connect storm)", str("serverCpuPercent") + " / " + str("serverCpuPercentConnectStorm")},
                {"generator CPU % / max send lag (ms)", str("generatorCpuPercent") + " / " + str("maxSendLagMs")},
        };
        StringBuilder out = new StringBuilder();
        int width = 0;
        for (String[] row : rows) {
            width = Math.max(width, row[0].length());
        }
        out.append(String.format(Locale.ROOT, "%n%-" + width + "s | %s%n", "metric", "value"));
        out.append("-".repeat(width)).append("-+-").append("-".repeat(30)).append('\n');
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s | %s%n", row[0], row[1]));
        }
        System.out.print(out);
        System.out.flush();
    }

    private String str(String key) {
        return String.valueOf(results.get(key));
    }

    private String mb(String key) {
        Object kb = results.get(key);
        return kb instanceof Number n && n.longValue() >= 0 ? String.format(Locale.ROOT, "%.1f", n.longValue() / 1024.0) : "-";
    }
}
