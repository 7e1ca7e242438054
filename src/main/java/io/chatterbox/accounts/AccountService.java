package io.chatterbox.accounts;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatterbox.core.ChatException;
import io.chatterbox.core.ErrorCode;
import io.chatterbox.limits.ClientAddresses;
import io.chatterbox.limits.LoginThrottle;
import io.chatterbox.limits.RegistrationThrottle;

/**
 * Registration, login, logout and password changes. Call from worker threads: bcrypt is deliberately slow and the
 * store blocks. Guessing is throttled ({@link LoginThrottle}: per account and address with growing delays, per
 * address, per account for untrusted clients, per trusted device), registration per address
 * ({@link RegistrationThrottle}); a throttled request is refused before any bcrypt round is spent.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    static final String BAD_CREDENTIALS = "Invalid username or password";
    static final String TOO_MANY_LOGINS = "Too many failed logins";

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final TokenVersions versions;
    private final Revocations revocations;
    private final CommonPasswords commonPasswords;
    private final LoginThrottle loginThrottle;
    private final RegistrationThrottle registrationThrottle;
    private final DeviceCookies devices;

    public AccountService(AccountStore accounts, PasswordHasher hasher, TokenIssuer tokens, TokenVersions versions,
            Revocations revocations, CommonPasswords commonPasswords, LoginThrottle loginThrottle,
            RegistrationThrottle registrationThrottle, DeviceCookies devices) {
        this.devices = devices;
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.versions = versions;
        this.revocations = revocations;
        this.commonPasswords = commonPasswords;
        this.loginThrottle = loginThrottle;
        this.registrationThrottle = registrationThrottle;
    }

    /** @param clientAddress the client's address: the connection's peer, or what a trusted proxy says it is */
    public void register(String requestedName, String password, String clientAddress) {
        String username = Usernames.normalize(requestedName);
        require(ErrorCode.INVALID_USERNAME, Usernames.problem(username));
        require(ErrorCode.INVALID_PASSWORD, commonPasswords.problem(password));
        // Counted once valid: from here each attempt costs a bcrypt round and creates an account or reveals a taken name.
        long wait = registrationThrottle.tryAcquire(ClientAddresses.key(clientAddress));
        if (wait > 0) {
            throw ChatException.retryLater(ErrorCode.RATE_LIMITED, "Too many registrations from your address", wait);
        }
        // Hash first: the store's write lock is held for microseconds, not for a bcrypt round.
        if (!accounts.create(username, Usernames.key(username), hasher.hash(password))) {
            throw new ChatException(ErrorCode.USERNAME_TAKEN, "Username is already taken");
        }
        LOG.infof("Registered user %s", username);
    }

    /**
     * @param clientAddress the client's address: the connection's peer, or what a trusted proxy says it is
     * @param deviceCookie the device cookie the client presented, or null (see {@link DeviceCookies})
     */
    public SignedIn login(String requestedName, String password, String clientAddress, String deviceCookie) {
        String username = Usernames.normalize(requestedName);
        // Only a well-formed name can own an account; other attempts count against the address alone. Known and
        // unknown names share one path, so a throttled answer says nothing about whether the account exists.
        String accountKey = username != null && Usernames.problem(username) == null ? Usernames.key(username) : null;
        String device = devices.trusted(deviceCookie, accountKey).orElse(null);
        LoginThrottle.Attempt attempt = loginThrottle.begin(accountKey, ClientAddresses.key(clientAddress), device);
        if (attempt.refused()) {
            throw ChatException.retryLater(ErrorCode.RATE_LIMITED, TOO_MANY_LOGINS, attempt.waitMillis());
        }
        Account account = authenticate(username, accountKey, password);
        loginThrottle.succeeded(attempt);
        versions.remember(account.id(), account.tokenVersion()); // the socket this token opens next needs no store read
        return new SignedIn(tokens.issue(account), devices.trust(accountKey, deviceCookie));
    }

    private Account authenticate(String username, String accountKey, String password) {
        // A password that breaks the rules cannot match any account: refuse it without spending a bcrypt round.
        if (username == null || Passwords.problem(password) != null) {
            throw badCredentials();
        }
        Optional<Account> account = accountKey == null ? Optional.empty() : accounts.findByKey(accountKey);
        if (account.isEmpty()) {
            hasher.matchNothing(password);
            throw badCredentials();
        }
        if (!hasher.matches(password, account.get().passwordHash())) {
            throw badCredentials();
        }
        return account.get();
    }

    /** Revokes every token of the user ("log out everywhere"); their sockets close on every node. */
    public void logout(long userId) {
        announce(accounts.revokeTokens(userId, null).orElseThrow(AccountService::badCredentials));
    }

    /** Checks the current password, stores the new one and revokes every earlier token; returns a fresh token. */
    public IssuedToken changePassword(long userId, String currentPassword, String newPassword, String clientAddress) {
        if (currentPassword == null) {
            throw new ChatException(ErrorCode.INVALID_PASSWORD, "The current password is required");
        }
        require(ErrorCode.INVALID_PASSWORD, commonPasswords.problem(newPassword));
        Account account = accounts.findById(userId).orElseThrow(AccountService::badCredentials);
        // Guessing the current password with a stolen token is guessing a login: same budgets, no device trusted.
        LoginThrottle.Attempt attempt = loginThrottle.begin(account.usernameKey(), ClientAddresses.key(clientAddress), null);
        if (attempt.refused()) {
            throw ChatException.retryLater(ErrorCode.RATE_LIMITED, TOO_MANY_LOGINS, attempt.waitMillis());
        }
        if (!hasher.matches(currentPassword, account.passwordHash())) {
            throw new ChatException(ErrorCode.WRONG_PASSWORD, "The current password is not correct");
        }
        loginThrottle.succeeded(attempt);
        Account changed = accounts.revokeTokens(userId, hasher.hash(newPassword)).orElseThrow(AccountService::badCredentials);
        devices.forgetAll(changed.usernameKey()); // a stolen device cookie stops counting as the owner's device
        announce(changed);
        return tokens.issue(changed);
    }

    private void announce(Account revoked) {
        versions.remember(revoked.id(), revoked.tokenVersion());
        revocations.publish(new TokensRevoked(revoked.id(), revoked.username(), revoked.tokenVersion()));
        LOG.infof("Revoked the tokens of user %s", revoked.username());
    }

    private static ChatException badCredentials() {
        return new ChatException(ErrorCode.INVALID_CREDENTIALS, BAD_CREDENTIALS);
    }

    private static void require(ErrorCode code, String problem) {
        if (problem != null) {
            throw new ChatException(code, problem);
        }
    }
}
