package io.chatterbox.support.memory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.chatterbox.accounts.Account;
import io.chatterbox.accounts.AccountStore;
import io.chatterbox.accounts.Usernames;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.ReadMarkerStore;
import io.chatterbox.rooms.RoomInfo;

/** An {@link AccountStore} in a map, for the unit tier. */
public final class InMemoryAccounts implements AccountStore {

    private final Map<Long, Account> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ReadMarkerStore markers;
    private final MessageLog log;

    public InMemoryAccounts(ReadMarkerStore markers, MessageLog log) {
        this.markers = markers;
        this.log = log;
    }

    /** Registers a user with a placeholder hash; returns their id. */
    public long register(String username) {
        create(username, Usernames.key(username), "not-a-hash");
        return findByName(username).orElseThrow().id();
    }

    @Override
    public Optional<Account> findByKey(String usernameKey) {
        return byId.values().stream().filter(account -> account.usernameKey().equals(usernameKey)).findFirst();
    }

    @Override
    public Optional<Account> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized boolean create(String username, String usernameKey, String passwordHash) {
        if (findByKey(usernameKey).isPresent()) {
            return false;
        }
        long id = ids.incrementAndGet();
        byId.put(id, new Account(id, username, usernameKey, passwordHash, 0));
        markers.advance(username, RoomInfo.GENERAL, log.newestId(RoomInfo.GENERAL));
        return true;
    }

    @Override
    public Optional<Account> revokeTokens(long id, String newPasswordHash) {
        Account changed = byId.computeIfPresent(id, (key, account) -> new Account(id, account.username(),
                account.usernameKey(), newPasswordHash == null ? account.passwordHash() : newPasswordHash,
                account.tokenVersion() + 1));
        return Optional.ofNullable(changed);
    }

    @Override
    public int tokenVersion(long id) {
        return findById(id).map(Account::tokenVersion).orElse(-1);
    }

    @Override
    public long count() {
        return byId.size();
    }

    @Override
    public List<String> usernames(String afterKey, int limit) {
        return byId.values().stream().filter(account -> afterKey == null || account.usernameKey().compareTo(afterKey) > 0)
                .sorted(java.util.Comparator.comparing(Account::usernameKey)).limit(limit).map(Account::username).toList();
    }
}
