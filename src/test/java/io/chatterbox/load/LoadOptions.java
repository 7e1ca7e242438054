package io.chatterbox.load;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** The generator's command-line options ({@code --name value}); see {@link #USAGE}. */
record LoadOptions(String urls, int clients, int users, int senders, double rate, Duration duration, Duration warmup,
        int size, String pid, String json, int loops, int httpConcurrency, int connectConcurrency, Duration drain,
        Duration settle, String password, int rooms) {

    static final String USAGE = """
            Chatterbox load generator: opens N clients over the real protocol (register, login, /ws), sends on a fixed
            schedule and reports end-to-end latency, loss, duplicates, reordering, and the server's RSS and CPU.

              --url URL[,URL…]          server base URL (default http://127.0.0.1:8080); with several (cluster nodes)
                                        the senders connect to the first and the other clients round-robin to the
                                        rest, so every delivery crosses nodes; accounts are set up on the first
              --clients N               WebSocket connections to open (default 100)
              --users U                 distinct accounts; connections are spread over them (default = clients);
                                        the server allows chatterbox.limits.connections-per-user per account
              --senders S               connections that send (the first S; default 10; 0 = idle run)
              --rate R                  messages per second offered, all senders together (default 100)
              --duration D              measured sending time, e.g. 30s, 2m, 500ms (default 30s)
              --warmup D                sending time before measuring; latency not recorded (default 5s)
              --size B                  text length in characters, at least the ~40-character header (default 100)
              --pid PID[,PID…]          server process(es) to sample RSS and CPU of, summed (/proc/PID; optional)
              --json FILE               also write the results as JSON
              --loops L                 event-loop threads of the generator (default 2)
              --http-concurrency C      registrations/logins in flight (default 16)
              --connect-concurrency C   WebSocket upgrades in flight during the connect storm (default 1000)
              --drain D                 after sending, wait up to this long without progress for late frames (default 5s)
              --settle D                quiet time after the connect storm before sending (default 2s)
              --password P              password of the generated accounts (default: a fixed, uncommon one)
              --rooms R                 spread the clients over R public rooms of clients/R each, over protocol v2;
                                        users/R accounts per room; senders are spread round-robin over the rooms and
                                        each client expects the messages of its own room only (clients and users
                                        divisible by R; default 0: everyone in general, protocol v1)

            Exit status: 0 clean; 2 when any message was lost, duplicated, reordered, refused with an error frame, or a
            connection failed or closed during the run; 1 when the run could not be set up.
            """;

    static LoadOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, value);
        }
        int clients = integer(values.remove("clients"), 100);
        LoadOptions options = new LoadOptions(
                values.getOrDefault("url", "http://127.0.0.1:8080"),
                clients,
                integer(values.remove("users"), clients),
                integer(values.remove("senders"), 10),
                Double.parseDouble(values.getOrDefault("rate", "100")),
                duration(values.remove("duration"), "30s"),
                duration(values.remove("warmup"), "5s"),
                integer(values.remove("size"), 100),
                values.remove("pid"),
                values.remove("json"),
                integer(values.remove("loops"), 2),
                integer(values.remove("http-concurrency"), 16),
                integer(values.remove("connect-concurrency"), 1000),
                duration(values.remove("drain"), "5s"),
                duration(values.remove("settle"), "2s"),
                values.getOrDefault("password", "load-generator-Pa55phrase"),
                integer(values.remove("rooms"), 0));
        options.nodes();
        values.remove("url");
        values.remove("rate");
        values.remove("password");
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + values.keySet());
        }
        if (options.clients < 1 || options.users < 1 || options.users > options.clients) {
            throw new IllegalArgumentException("need 1 <= users <= clients");
        }
        if (options.senders < 0 || options.senders > options.clients) {
            throw new IllegalArgumentException("need 0 <= senders <= clients");
        }
        if (options.rooms < 0 || (options.rooms > 0 && (options.clients % options.rooms != 0 || options.users % options.rooms != 0))) {
            throw new IllegalArgumentException("--rooms needs clients and users divisible by rooms");
        }
        if (options.senders > 0 && options.rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive when there are senders");
        }
        return options;
    }

    /** Clients per room (all of them when there are no rooms). */
    int roomSize() {
        return rooms == 0 ? clients : clients / rooms;
    }

    /** The room of client {@code i}, 0-based; always 0 without rooms. */
    int roomOf(int client) {
        return client / roomSize();
    }

    /** The account client {@code i} connects as: without rooms round-robin, with rooms one of its room's accounts. */
    /** Every node's base URL, in the order given. */
    List<URI> nodes() {
        return Arrays.stream(urls.split(",")).map(String::trim).map(URI::create).toList();
    }

    /** Where accounts are set up (and, with one node, every client connects). */
    URI url() {
        return nodes().get(0);
    }

    /** The node client {@code client} connects to: the first for senders, the others in turn for the rest. */
    URI nodeOf(int client) {
        List<URI> nodes = nodes();
        boolean sender = IntStream.range(0, senders).anyMatch(s -> clientOfSender(s) == client);
        return nodes.size() == 1 || sender ? nodes.get(0) : nodes.get(1 + client % (nodes.size() - 1));
    }

    int userOf(int client) {
        if (rooms == 0) {
            return client % users;
        }
        int usersPerRoom = users / rooms;
        return roomOf(client) * usersPerRoom + client % usersPerRoom;
    }

    /** The client that is sender {@code s}: senders go round-robin over the rooms; without rooms, client s. */
    int clientOfSender(int sender) {
        return rooms == 0 ? sender : (sender % rooms) * roomSize() + sender / rooms;
    }

    private static int integer(String value, int fallback) {
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** 30s, 2m, 500ms, or a plain number of seconds. */
    static Duration duration(String value, String fallback) {
        String v = (value == null ? fallback : value).trim().toLowerCase();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    }
}
