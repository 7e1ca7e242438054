package io.chatterbox.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every Chatterbox setting, with a safe default. Environment variables use the usual mapping (CHATTERBOX_DATA_DIR). */
@ConfigMapping(prefix = "chatterbox")
public interface ChatterboxConfig {

    /** Directory holding the SQLite database and the generated token-signing keys; created on first start. */
    @WithDefault("data")
    String dataDir();

    Auth auth();

    Chat chat();

    Store store();

    Limits limits();

    Security security();

    Cluster cluster();

    Files files();

    interface Auth {
        /** bcrypt cost factor (log2 rounds) for new password hashes. */
        @WithDefault("10")
        int bcryptCost();

        /**
         * bcrypt rounds computed at once (default: half the processors, at least one); more logins wait their turn,
         * so a login flood cannot starve the chat of CPU.
         */
        Optional<Integer> concurrentHashes();

        /** How long an access token stays valid. */
        @WithDefault("PT12H")
        Duration tokenLifetime();

        /** Issuer written into and required from every token. */
        @WithDefault("chatterbox")
        String issuer();
    }

    interface Chat {
        /** Messages in the history frame of a fresh connection. */
        @WithDefault("50")
        int historySize();

        /** Most messages replayed to a client resuming with ?since=; a larger gap sends a resync instead. */
        @WithDefault("1000")
        int resumeLimit();

        /**
         * Presence changes within this interval are announced once per changed room, naming each changed person once
         * (v1 connections get general's whole list instead).
         */
        @WithDefault("PT0.25S")
        Duration presenceInterval();

        /** Typing events forwarded per user and room: at most one per interval; the rest are dropped. */
        @WithDefault("PT2S")
        Duration typingInterval();

        /** Longest message text, in characters. */
        @WithDefault("4000")
        int maxTextLength();
    }

    interface Store {
        /** Most messages committed in one transaction by the single writer. */
        @WithDefault("256")
        int maxBatchSize();

        /**
         * Messages that may wait for the writer before new ones are refused as overloaded; as many commands (edits,
         * deletions, read markers, room changes) may wait besides. Joins are bounded by each user's socket cap and
         * connection rate.
         */
        @WithDefault("10000")
        int queueCapacity();
    }

    /** Abuse limits. Every one refuses with a clear error (429 with Retry-After, an error frame, or a close code). */
    interface Limits {
        /** Messages one user may send per second, sustained, across all of their connections. */
        @WithDefault("5")
        double messagesPerSecond();

        /** Messages one user may send in a burst above the sustained rate. */
        @WithDefault("20")
        int messageBurst();

        /** Open sockets per user (tabs and devices); one more is closed with 1008. */
        @WithDefault("10")
        int connectionsPerUser();

        /**
         * Sockets one user may open per second, sustained: every join reads and sends each room's history, so a
         * reconnect loop would keep the writer busy for everyone. Past it the new socket is closed with 1008.
         */
        @WithDefault("1")
        double connectionsPerSecond();

        /** Sockets one user may open in a burst above the sustained rate (a browser restoring its tabs). */
        @WithDefault("20")
        int connectionBurst();

        /** Frames waiting to be written to one socket; a client that stops reading is closed past this. */
        @WithDefault("1000")
        int sendQueueFrames();

        /**
         * Bytes of frames waiting to be written to one socket (beyond what the kernel's socket buffers hold); a client
         * that stops reading is closed past this, however few frames that is.
         */
        @WithDefault("4194304")
        long sendQueueBytes();

        /** History pages one user may ask for per second, sustained (socket and HTTP together). */
        @WithDefault("5")
        double pagesPerSecond();

        /** History pages one user may ask for in a burst above the sustained rate. */
        @WithDefault("20")
        int pageBurst();

        /** Edits and deletions one user may make per second, sustained: each is a write and a broadcast. */
        @WithDefault("1")
        double messageChangesPerSecond();

        /** Edits and deletions one user may make in a burst above the sustained rate. */
        @WithDefault("10")
        int messageChangeBurst();

        /** Read markers one user may move per second, sustained (the page sends at most two per second). */
        @WithDefault("4")
        double readMarkersPerSecond();

        /** Read markers one user may move in a burst above the sustained rate. */
        @WithDefault("20")
        int readMarkerBurst();

        /** Searches one user may run per second, sustained. */
        @WithDefault("1")
        double searchesPerSecond();

        /** Searches one user may run in a burst above the sustained rate. */
        @WithDefault("10")
        int searchBurst();

        /** Rooms one user may join, leave, or add people to or remove people from, per minute. */
        @WithDefault("30")
        int membershipChangesPerMinute();

        /** Times one user may be added to or removed from rooms by others, per minute. */
        @WithDefault("10")
        int membershipChangesPerTargetPerMinute();

        /** A socket that shows no sign of life (frame or pong) for this long is closed; pings go out every 30 s. */
        @WithDefault("PT90S")
        Duration socketIdleTimeout();

        /**
         * Failed logins per account within {@link #loginWindow()}, from clients the account has not signed in from
         * before (no device cookie), before further such attempts get 429. Trusted devices are not affected.
         */
        @WithDefault("20")
        int loginFailuresPerAccount();

        /**
         * Failed logins per account and client address that go through at once; after them each attempt from that
         * address waits twice as long as the one before (1 s, 2 s, 4 s, … up to the window).
         */
        @WithDefault("3")
        int loginFailuresBeforeDelay();

        /** Failed logins per device cookie within {@link #loginWindow()}; past them the device is no longer trusted. */
        @WithDefault("10")
        int loginFailuresPerDevice();

        /** How long a device stays trusted after its last successful login (the device cookie's lifetime). */
        @WithDefault("P90D")
        Duration trustedDeviceLifetime();

        /** Failed logins per client address within {@link #loginWindow()} before further attempts get 429. */
        @WithDefault("50")
        int loginFailuresPerAddress();

        /** The window over which failed logins are counted. */
        @WithDefault("PT5M")
        Duration loginWindow();

        /** Rooms one user may create per hour. */
        @WithDefault("20")
        int roomsPerUserPerHour();

        /** Registrations that pass validation (created, or refused as taken) one client address may make per hour. */
        @WithDefault("20")
        int registrationsPerAddressPerHour();
    }

    interface Security {
        /**
         * Browser origins allowed to open the WebSocket, e.g. https://chat.example.com. The page's own origin is
         * always allowed; any other Origin (including "null") is refused with 403. Clients that send no Origin
         * (not browsers) are not affected.
         */
        Optional<List<String>> allowedOrigins();
    }

    /**
     * Cluster mode: several nodes serve one community on a shared PostgreSQL (and Redis). When no database URL is set
     * the node is embedded (SQLite in the data directory), as by default.
     */
    interface Cluster {
        /** PostgreSQL JDBC URL of the store of record, e.g. jdbc:postgresql://127.0.0.1:5432/chat; set: cluster mode. */
        Optional<String> databaseUrl();

        /** PostgreSQL user. */
        Optional<String> databaseUsername();

        /** PostgreSQL password (never logged). */
        Optional<String> databasePassword();

        /**
         * Redis URL, e.g. redis://127.0.0.1:6379: what several nodes share at once (events between nodes, revocations,
         * room changes). Without it a node on PostgreSQL works alone.
         */
        Optional<String> redisUrl();

        /** Prefix of this cluster's Redis keys and channel, so several clusters (or test runs) can share one Redis. */
        @WithDefault("chatterbox")
        String redisPrefix();

        /**
         * How long a node that stopped answering (killed, cut off from Redis) is still counted: its people are shown
         * offline at most this long, plus the presence interval, after its last heartbeat. Nodes beat five times per
         * lease.
         */
        @WithDefault("PT5S")
        Duration nodeLease();

        /** Whether the store of record is the cluster's PostgreSQL. */
        default boolean enabled() {
            return databaseUrl().filter(url -> !url.isBlank()).isPresent();
        }

        /** Whether this node shares events with other nodes over Redis. */
        default boolean shared() {
            return enabled() && redisUrl().filter(url -> !url.isBlank()).isPresent();
        }
    }

    /** Files and images in conversations: limits per file, message and user, and how images are prepared. */
    interface Files {
        /** Largest upload, in bytes (suffixes K, M, G); refused with 413 before the body is read when declared. */
        @WithDefault("25M")
        MemorySize maxFileSize();

        /** Most attachments one message may carry. */
        @WithDefault("10")
        int filesPerMessage();

        /** Bytes each user's files may take in all (deleting a message gives its files' bytes back). */
        @WithDefault("1G")
        MemorySize quotaPerUser();

        /** Uploads per user and minute (a burst of as many, refilled evenly). */
        @WithDefault("30")
        int uploadsPerMinute();

        /** Uploads one user may have in progress at once, on this node. */
        @WithDefault("4")
        int concurrentUploadsPerUser();

        /** Largest image, in pixels per frame, decoded; a larger one is refused from its header (decompression bombs). */
        @WithDefault("50000000")
        long maxImagePixels();

        /** Most frames of an animated image. */
        @WithDefault("300")
        int maxImageFrames();

        /** Thumbnails fit in a square of this many pixels. */
        @WithDefault("320")
        int thumbnailSize();

        /** Images prepared at once (each may take a few hundred MB while decoding). */
        @WithDefault("2")
        int imageWorkers();

        /** How long a signed download link (for img, audio and video elements) stays valid. */
        @WithDefault("PT10M")
        Duration linkLifetime();

        /** Uploads no message carried are deleted after this long. */
        @WithDefault("PT24H")
        Duration unclaimedLifetime();
    }
}
