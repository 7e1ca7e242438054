package io.chatterbox.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import io.chatterbox.accounts.AccountService;
import io.chatterbox.accounts.DeviceCookies;
import io.chatterbox.accounts.SignedIn;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** The seed's account endpoints, kept at their original paths: a thin adapter over the {@link AccountService}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    public record Registered(String message) {
    }

    public record Me(String username) {
    }

    static final String DEVICE_COOKIE = "chatterbox_device";

    private final AccountService accounts;
    private final DeviceCookies devices;
    private final JsonWebToken token;

    AccountResource(AccountService accounts, DeviceCookies devices, JsonWebToken token) {
        this.accounts = accounts;
        this.devices = devices;
        this.token = token;
    }

    @POST
    @Path("register")
    @ResponseStatus(201)
    @Operation(summary = "Create an account")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Invalid username or password")
    @APIResponse(responseCode = "409", description = "Username already taken")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address; see Retry-After")
    public Registered register(Credentials credentials, @Context HttpServerRequest request) {
        requireBody(credentials);
        accounts.register(credentials.username(), credentials.password(), clientAddress(request));
        return new Registered("User registered successfully");
    }

    @POST
    @Path("login")
    @Operation(summary = "Exchange a username and password for an access token")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "401", description = "Invalid username or password")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this account or address; see Retry-After")
    public RestResponse<AccessToken> login(Credentials credentials, @Context HttpServerRequest request,
            @CookieParam(DEVICE_COOKIE) String deviceCookie) {
        requireBody(credentials);
        SignedIn signedIn = accounts.login(credentials.username(), credentials.password(), clientAddress(request), deviceCookie);
        return RestResponse.ResponseBuilder.ok(AccessToken.of(signedIn.token()))
                .cookie(deviceCookie(signedIn.deviceCookie(), request.isSSL())).build();
    }

    /**
     * Marks the browser as a device the account signed in from. Sent back only to /login, never readable by script,
     * never sent by other sites; it proves nothing but "this device signed in before" (see {@link DeviceCookies}).
     */
    private NewCookie deviceCookie(String value, boolean tls) {
        return new NewCookie.Builder(DEVICE_COOKIE).value(value).path("/login").maxAge((int) Math.min(Integer.MAX_VALUE,
                devices.lifetimeSeconds())).httpOnly(true).secure(tls).sameSite(NewCookie.SameSite.STRICT).build();
    }

    @POST
    @Path("logout")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @Operation(summary = "Revoke every token of the caller and close their sockets (log out everywhere)")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "401", description = "No valid token")
    public void logout() {
        accounts.logout(userId());
    }

    @POST
    @Path("api/password")
    @Authenticated
    @Operation(summary = "Change the password; revokes every earlier token and returns a fresh one")
    @APIResponse(responseCode = "200", description = "Changed; a new token")
    @APIResponse(responseCode = "400", description = "The new password breaks the rules")
    @APIResponse(responseCode = "403", description = "The current password is wrong")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords; see Retry-After")
    public AccessToken changePassword(PasswordChange change, @Context HttpServerRequest request) {
        RequestBodies.require(change, "currentPassword and newPassword");
        return AccessToken.of(accounts.changePassword(userId(), change.currentPassword(), change.newPassword(),
                clientAddress(request)));
    }

    @GET
    @Path("api/me")
    @Authenticated
    @Operation(summary = "Who the presented token belongs to; 401 when it is missing, expired or revoked")
    public Me me() {
        return new Me(token.getName());
    }

    private long userId() {
        return Long.parseLong(token.getSubject());
    }

    /**
     * The client's address: the connection's peer. X-Forwarded-For counts only where the operator says a proxy is
     * trusted ({@code quarkus.http.proxy.*}); Quarkus then puts the forwarded address here.
     */
    private static String clientAddress(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    }

    private static void requireBody(Credentials credentials) {
        RequestBodies.require(credentials, "username and password");
    }
}
