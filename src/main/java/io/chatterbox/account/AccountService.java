package io.chatterbox.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.chatterbox.chat.ReadMarker;
import io.chatterbox.limits.ClientAddresses;
import io.chatterbox.limits.LoginThrottle;
import io.chatterbox.limits.RegistrationThrottle;
import io.chatterbox.rooms.RoomInfo;
import io.chatterbox.web.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Registration, login and password changes. Runs on worker threads: bcrypt is deliberately slow. Guessing is
 * throttled per account and per client address ({@link LoginThrottle}), registration per address
 * ({@link RegistrationThrottle}); a throttled request is refused before any bcrypt round is spent.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    static final String BAD_CREDENTIALS = "Invalid username or password";
    static final String TOO_MANY_LOGINS = "Too many failed logins";

    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final TokenVersions versions;
    private final Event<TokensRevoked> revoked;
    private final CommonPasswords commonPasswords;
    private final LoginThrottle loginThrottle;
    private final RegistrationThrottle registrationThrottle;

    AccountService(PasswordHasher hasher, TokenIssuer tokens, TokenVersions versions, Event<TokensRevoked> revoked,
            CommonPasswords commonPasswords, LoginThrottle loginThrottle, RegistrationThrottle registrationThrottle) {
        this.hasher = hasher;
        this.tokens = tokens;
        this.versions = versions;
        this.revoked = revoked;
        this.commonPasswords = commonPasswords;
        this.loginThrottle = loginThrottle;
        this.registrationThrottle = registrationThrottle;
    }

    /** @param clientAddress the peer address of the connection (never a forwarded-for header) */
    public void register(Credentials credentials, String clientAddress) {
        String username = Usernames.normalize(credentials.username());
        require(Usernames.problem(username));
        require(commonPasswords.problem(credentials.password()));
        // Counted once valid: from here each attempt costs a bcrypt round and creates an account or reveals a taken name.
        long wait = registrationThrottle.tryAcquire(ClientAddresses.key(clientAddress));
        if (wait > 0) {
            throw tooManyRequests("Too many registrations from your address", wait);
        }

        // Hash before the transaction: the write lock is held for microseconds, not for a bcrypt round.
        String hash = hasher.hash(credentials.password());
        boolean created = QuarkusTransaction.requiringNew().call(() -> {
            if (User.findByName(username).isPresent()) {
                return false;
            }
            User user = new User();
            user.username = username;
            user.usernameKey = Usernames.key(username);
            user.hashedPassword = hash;
            user.createdAt = System.currentTimeMillis();
            user.persist();
            ReadMarker.startAtNewest(RoomInfo.GENERAL, username); // a newcomer starts with nothing unread
            return true;
        });
        if (!created) {
            throw ApiException.conflict("Username is already taken");
        }
        LOG.infof("Registered user %s", username);
    }

    /** @param clientAddress the peer address of the connection (never a forwarded-for header) */
    public AccessToken login(Credentials credentials, String clientAddress) {
        String username = Usernames.normalize(credentials.username());
        // Only a well-formed name can own an account; other attempts count against the address alone. Known and
        // unknown names share one path, so a throttled answer says nothing about whether the account exists.
        String accountKey = username != null && Usernames.problem(username) == null ? Usernames.key(username) : null;
        String address = ClientAddresses.key(clientAddress);
        long wait = loginThrottle.begin(accountKey, address);
        if (wait > 0) {
            throw tooManyRequests(TOO_MANY_LOGINS, wait);
        }
        User user = authenticate(username, credentials.password());
        loginThrottle.succeeded(accountKey, address);
        versions.remember(user.id, user.tokenVersion); // the socket this token opens next needs no database read
        return tokens.issue(user);
    }

    private User authenticate(String username, String password) {
        // A password that breaks the rules cannot match any account: refuse it without spending a bcrypt round.
        if (username == null || Passwords.problem(password) != null) {
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        Optional<User> user = Usernames.problem(username) == null ? User.findByName(username) : Optional.empty();
        if (user.isEmpty()) {
            hasher.matchNothing(password);
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        if (!hasher.matches(password, user.get().hashedPassword)) {
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        return user.get();
    }

    /** Revokes every token of the user ("log out everywhere") and closes their open sockets. */
    public void logout(long userId) {
        User user = QuarkusTransaction.requiringNew().call(() -> bumpTokenVersion(userId, null));
        announceRevocation(user);
    }

    /** Checks the current password, stores the new one and revokes every earlier token; returns a fresh token. */
    public AccessToken changePassword(long userId, PasswordChange change, String clientAddress) {
        if (change.currentPassword() == null) {
            throw ApiException.badRequest("The current password is required");
        }
        require(commonPasswords.problem(change.newPassword()));
        User user = User.<User> findByIdOptional(userId).orElseThrow(() -> ApiException.unauthorized(BAD_CREDENTIALS));
        // Guessing the current password with a stolen token is guessing a login: same budgets.
        String address = ClientAddresses.key(clientAddress);
        long wait = loginThrottle.begin(user.usernameKey, address);
        if (wait > 0) {
            throw tooManyRequests(TOO_MANY_LOGINS, wait);
        }
        if (!hasher.matches(change.currentPassword(), user.hashedPassword)) {
            throw new ApiException(403, "The current password is not correct");
        }
        loginThrottle.succeeded(user.usernameKey, address);
        String hash = hasher.hash(change.newPassword());
        User updated = QuarkusTransaction.requiringNew().call(() -> bumpTokenVersion(userId, hash));
        announceRevocation(updated);
        return tokens.issue(updated);
    }

    private static User bumpTokenVersion(long userId, String newHash) {
        User user = User.findById(userId);
        if (user == null) {
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        user.tokenVersion++;
        if (newHash != null) {
            user.hashedPassword = newHash;
        }
        return user;
    }

    private void announceRevocation(User user) {
        versions.remember(user.id, user.tokenVersion);
        revoked.fire(new TokensRevoked(user.username));
        LOG.infof("Revoked the tokens of user %s", user.username);
    }

    /** 429 with Retry-After in whole seconds, rounded up so a client that waits that long is let in. */
    private static ApiException tooManyRequests(String what, long waitMillis) {
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return ApiException.tooManyRequests(what + "; try again in " + seconds + (seconds == 1 ? " second" : " seconds"),
                seconds);
    }

    private static void require(String problem) {
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
    }
}
