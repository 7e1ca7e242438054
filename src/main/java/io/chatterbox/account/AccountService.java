package io.chatterbox.account;

import java.text.Normalizer;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

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

    AccountService(PasswordHasher hasher, TokenIssuer tokens) {
        this.hasher = hasher;
        this.tokens = tokens;
    }

    public void register(Credentials credentials) {
        String username = credentials.username() == null ? null : Normalizer.normalize(credentials.username(), Normalizer.Form.NFC);
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
        String username = credentials.username();
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

    private static void require(String problem) {
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
    }
}
