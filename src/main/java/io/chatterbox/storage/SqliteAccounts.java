package io.chatterbox.storage;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.context.control.ActivateRequestContext;

import io.chatterbox.accounts.Account;
import io.chatterbox.accounts.AccountStore;
import io.chatterbox.rooms.RoomInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The embedded {@link AccountStore}: the users table of the SQLite file. */
@ApplicationScoped
@Typed(SqliteAccounts.class)
@ActivateRequestContext
public class SqliteAccounts implements AccountStore {

    @Override
    public Optional<Account> findByKey(String usernameKey) {
        return User.<User> find("usernameKey", usernameKey).firstResultOptional().map(SqliteAccounts::account);
    }

    @Override
    public Optional<Account> findById(long id) {
        return User.<User> findByIdOptional(id).map(SqliteAccounts::account);
    }

    @Override
    public boolean create(String username, String usernameKey, String passwordHash) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (User.count("usernameKey", usernameKey) > 0) {
                return false;
            }
            User user = new User();
            user.username = username;
            user.usernameKey = usernameKey;
            user.hashedPassword = passwordHash;
            user.createdAt = System.currentTimeMillis();
            user.persist();
            SqliteReadMarkers.startAtNewest(username, RoomInfo.GENERAL);
            return true;
        });
    }

    @Override
    public Optional<Account> revokeTokens(long id, String newPasswordHash) {
        return QuarkusTransaction.requiringNew().call(() -> {
            User user = User.findById(id);
            if (user == null) {
                return Optional.empty();
            }
            user.tokenVersion++;
            if (newPasswordHash != null) {
                user.hashedPassword = newPasswordHash;
            }
            return Optional.of(account(user));
        });
    }

    @Override
    public int tokenVersion(long id) {
        return User.<User> findByIdOptional(id).map(user -> user.tokenVersion).orElse(-1);
    }

    @Override
    public long count() {
        return User.count();
    }

    @Override
    public List<String> usernames(String afterKey, int limit) {
        return User.getEntityManager().createQuery(
                "select u.username from User u where u.usernameKey > :after order by u.usernameKey", String.class)
                .setParameter("after", afterKey == null ? "" : afterKey).setMaxResults(limit).getResultList();
    }

    private static Account account(User user) {
        return new Account(user.id, user.username, user.usernameKey, user.hashedPassword, user.tokenVersion);
    }
}
