package io.chatterbox.support.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

import io.chatterbox.messages.Appended;
import io.chatterbox.messages.Draft;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.Page;
import io.chatterbox.messages.SearchTerm;
import io.chatterbox.messages.StoredMessage;

/** A {@link MessageLog} in a sorted map, for the unit tier: the same contract as the SQLite one, nothing durable. */
public final class InMemoryMessageLog implements MessageLog {

    private final TreeMap<Long, StoredMessage> messages = new TreeMap<>();
    private long lastId;

    @Override
    public synchronized List<Appended> append(List<Draft> drafts, long now) {
        List<Appended> outcomes = new ArrayList<>();
        for (Draft draft : drafts) {
            Optional<StoredMessage> earlier = draft.clientId() == null ? Optional.empty()
                    : messages.values().stream().filter(m -> m.username().equals(draft.username())
                            && draft.clientId().equals(m.clientId())).findFirst();
            if (earlier.isPresent()) {
                outcomes.add(new Appended(earlier.get(), true));
                continue;
            }
            StoredMessage stored = new StoredMessage(++lastId, draft.room(), draft.username(), draft.text(), now,
                    draft.clientId(), null, false);
            messages.put(stored.id(), stored);
            outcomes.add(new Appended(stored, false));
        }
        return outcomes;
    }

    @Override
    public synchronized Page latest(String room, int limit) {
        return before(room, Long.MAX_VALUE, limit);
    }

    @Override
    public synchronized Page before(String room, long beforeId, int limit) {
        List<StoredMessage> older = inRoom(room).filter(m -> m.id() < beforeId).toList();
        int from = Math.max(0, older.size() - limit);
        return new Page(List.copyOf(older.subList(from, older.size())), from > 0);
    }

    @Override
    public synchronized Page after(String room, long afterId, int limit) {
        List<StoredMessage> newer = inRoom(room).filter(m -> m.id() > afterId).toList();
        return new Page(List.copyOf(newer.subList(0, Math.min(limit, newer.size()))), newer.size() > limit);
    }

    @Override
    public synchronized List<StoredMessage> changedSince(Collection<String> rooms, long sinceId, int limit) {
        Optional<StoredMessage> seen = Optional.ofNullable(messages.floorEntry(sinceId)).map(entry -> entry.getValue());
        if (seen.isEmpty()) {
            return List.of();
        }
        return messages.headMap(sinceId, true).values().stream()
                .filter(m -> rooms.contains(m.room()) && m.editedAt() != null && m.editedAt() >= seen.get().timestamp())
                .sorted(Comparator.comparing(StoredMessage::editedAt)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<StoredMessage> find(long id) {
        return Optional.ofNullable(messages.get(id));
    }

    @Override
    public synchronized Optional<StoredMessage> edit(long id, String text, long editedAt) {
        StoredMessage message = messages.get(id);
        if (message == null || message.deleted()) {
            return Optional.empty();
        }
        StoredMessage edited = new StoredMessage(id, message.room(), message.username(), text, message.timestamp(),
                message.clientId(), editedAt, false);
        messages.put(id, edited);
        return Optional.of(edited);
    }

    @Override
    public synchronized boolean delete(long id, long deletedAt) {
        StoredMessage message = messages.get(id);
        if (message == null || message.deleted()) {
            return false;
        }
        messages.put(id, new StoredMessage(id, message.room(), message.username(), "", message.timestamp(),
                message.clientId(), deletedAt, true));
        return true;
    }

    @Override
    public synchronized long newestId(String room) {
        return inRoom(room).mapToLong(StoredMessage::id).max().orElse(0);
    }

    @Override
    public synchronized long newestId() {
        return messages.isEmpty() ? 0 : messages.lastKey();
    }

    @Override
    public synchronized List<StoredMessage> between(long afterId, long beforeId, int limit) {
        return messages.subMap(afterId, false, beforeId, false).values().stream().limit(limit).toList();
    }

    @Override
    public synchronized long unread(String room, long afterId, String reader, int atMost) {
        return inRoom(room).filter(m -> m.id() > afterId && !m.username().equals(reader) && !m.deleted()).limit(atMost)
                .count();
    }

    /** Every term as a word (or a word's beginning, for a prefix term), case-insensitively; newest first, unranked. */
    @Override
    public synchronized List<StoredMessage> search(Collection<String> rooms, List<SearchTerm> terms, int limit) {
        return messages.descendingMap().values().stream()
                .filter(m -> rooms.contains(m.room()) && !m.deleted() && terms.stream().allMatch(t -> matches(m.text(), t)))
                .limit(limit).toList();
    }

    private java.util.stream.Stream<StoredMessage> inRoom(String room) {
        return messages.values().stream().filter(m -> m.room().equals(room));
    }

    private static boolean matches(String text, SearchTerm term) {
        String word = term.word().toLowerCase(Locale.ROOT);
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .anyMatch(token -> term.prefix() ? token.startsWith(word) : token.equals(word));
    }
}
