package io.chatterbox.accounts;

import java.util.List;
import java.util.Optional;

/** Where accounts are kept: the record of truth, shared by every node. */
public interface AccountStore {

    /** The account whose folded name is {@code usernameKey}. */
    Optional<Account> findByKey(String usernameKey);

    Optional<Account> findById(long id);

    /** The account a name typed in any case or width belongs to; empty for null. */
    default Optional<Account> findByName(String username) {
        return username == null ? Optional.empty() : findByKey(Usernames.key(username));
    }

    /**
     * Creates the account, and in the same transaction starts its read marker in {@code general} at the newest
     * message, so a newcomer has nothing unread.
     *
     * @return false, creating nothing, when the folded name belongs to an account already
     */
    boolean create(String username, String usernameKey, String passwordHash);

    /**
     * Raises the account's token version by one, revoking every token issued so far, and stores
     * {@code newPasswordHash} with it unless that is null.
     *
     * @return the account as changed, or empty when it does not exist
     */
    Optional<Account> revokeTokens(long id, String newPasswordHash);

    /** The account's token version, or -1 when there is no such account. */
    int tokenVersion(long id);

    long count();

    /**
     * Usernames in the order of their folded keys, after {@code afterKey} (null: from the first), at most
     * {@code limit}: a page of the members of {@code general}. Reads the names alone.
     */
    List<String> usernames(String afterKey, int limit);
}
