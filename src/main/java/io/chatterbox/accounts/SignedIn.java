package io.chatterbox.accounts;

/** A successful login: the access token, and the device cookie that marks the client's device as trusted. */
public record SignedIn(IssuedToken token, String deviceCookie) {
}
