package io.chatterbox.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.chatterbox.web.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Registration and login. Runs on worker threads: bcrypt is deliberately slow. */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    static final String BAD_CREDENTIALS = "Invalid username or password";

    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final TokenVersions versions;
    private final Event<TokensRevoked> revoked;

    AccountService(PasswordHasher hasher, TokenIssuer tokens, TokenVersions versions, Event<TokensRevoked> revoked) {
        this.hasher = hasher;
        this.tokens = tokens;
        this.versions = versions;
        this.revoked = revoked;
    }

    public void register(Credentials credentials) {
        String username = Usernames.normalize(credentials.username());
        require(Usernames.problem(username));
        require(Passwords.problem(credentials.password()));

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
            return true;
        });
        if (!created) {
            throw ApiException.conflict("Username is already taken");
        }
        LOG.infof("Registered user %s", username);
    }

    public AccessToken login(Credentials credentials) {
        String username = Usernames.normalize(credentials.username());
        String password = credentials.password();
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
        return tokens.issue(user.get());
    }

    /** Revokes every token of the user ("log out everywhere") and closes their open sockets. */
    public void logout(long userId) {
        User user = QuarkusTransaction.requiringNew().call(() -> bumpTokenVersion(userId, null));
        announceRevocation(user);
    }

    /** Checks the current password, stores the new one and revokes every earlier token; returns a fresh token. */
    public AccessToken changePassword(long userId, PasswordChange change) {
        if (change.currentPassword() == null) {
            throw ApiException.badRequest("The current password is required");
        }
        require(Passwords.problem(change.newPassword()));
        User user = User.<User> findByIdOptional(userId).orElseThrow(() -> ApiException.unauthorized(BAD_CREDENTIALS));
        if (!hasher.matches(change.currentPassword(), user.hashedPassword)) {
            throw new ApiException(403, "The current password is not correct");
        }
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
        versions.changed(user.id, user.tokenVersion);
        revoked.fire(new TokensRevoked(user.username));
        LOG.infof("Revoked the tokens of user %s", user.username);
    }

    private static void require(String problem) {
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
    }
}
