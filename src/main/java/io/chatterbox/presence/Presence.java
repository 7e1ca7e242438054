package io.chatterbox.presence;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Who is online: everyone with at least one open session, counted per person, not per tab. An implementation
 * shared between nodes counts every node's sessions and forgets those of a node that stopped answering.
 */
public interface Presence {

    /** The order of presence lists: case-insensitive, ties (names differing only in case) broken by the exact name. */
    Comparator<String> ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    /** @return true when this is the user's first open session: they came online */
    boolean sessionOpened(String username);

    /** @return true when this was the user's last open session: they went offline */
    boolean sessionClosed(String username);

    boolean isOnline(String username);

    /** Everyone online, in {@link #ORDER}. */
    List<String> online();

    int onlineCount();

    /**
     * Tells {@code listener} (on a thread of the implementation's) each person who came online or went offline
     * through another node's sessions. One node alone has none.
     */
    default void onChangedElsewhere(Consumer<String> listener) {
    }
}
