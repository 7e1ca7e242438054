package io.chatterbox.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.chatterbox.accounts.AccountService;
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

    private final AccountService accounts;
    private final JsonWebToken token;

    AccountResource(AccountService accounts, JsonWebToken token) {
        this.accounts = accounts;
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
    public AccessToken login(Credentials credentials, @Context HttpServerRequest request) {
        requireBody(credentials);
        return AccessToken.of(accounts.login(credentials.username(), credentials.password(), clientAddress(request)));
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

    /** The connection's peer; X-Forwarded-For is not trusted (Quarkus applies it only when proxy forwarding is enabled). */
    private static String clientAddress(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    }

    private static void requireBody(Credentials credentials) {
        RequestBodies.require(credentials, "username and password");
    }
}
