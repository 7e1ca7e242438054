package io.chatterbox.cluster;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One notice on the cluster's event channel: what happened ({@code type} and its JSON {@code payload}), for whom
 * ({@code kind} and {@code target}), and which node said it ({@code node}), so that node can skip its own notices —
 * it acted on them before publishing.
 */
record Envelope(String node, Kind kind, String target, String except, String type, JsonNode payload) {

    enum Kind {
        /** A chat event for every session that hears room {@code target}, except those of user {@code except}. */
        ROOM,
        /** A chat event for every session of user {@code target}. */
        USER,
        /** A committed change of the rooms ({@code RoomChange}). */
        ROOM_CHANGE,
        /** Tokens revoked ({@code TokensRevoked}). */
        REVOKED,
        /**
         * The sending node could not publish for a while and can again: what it stored meanwhile never went out, so
         * every node fills its messages from the store ({@code CatchUp}).
         */
        CATCH_UP,
        /** How many sessions user {@code target} now has on the sending node ({@code Sessions}). */
        SESSIONS,
        /** The sending node is alive, and where its count of sessions stands ({@code Heartbeat}). */
        HEARTBEAT,
        /** The sending node is stopping: its sessions count for nothing from now on ({@code Leaving}). */
        LEAVING
    }

    /** The payload of a {@link Kind#CATCH_UP} notice. */
    record CatchUp() {
    }

    /** The payload of a {@link Kind#SESSIONS} notice: the node's {@code seq}-th change of its session counts. */
    record Sessions(int count, long seq) {
    }

    /** The payload of a {@link Kind#HEARTBEAT} notice: the node's latest change of its session counts. */
    record Heartbeat(long seq) {
    }

    /** The payload of a {@link Kind#LEAVING} notice. */
    record Leaving() {
    }
}
