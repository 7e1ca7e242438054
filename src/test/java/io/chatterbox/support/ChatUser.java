package io.chatterbox.support;

/** A freshly registered user: the name as registered and a valid access token. */
public record ChatUser(String name, String token) {

    public static ChatUser register(String prefix) {
        String name = Accounts.uniqueName(prefix);
        return new ChatUser(name, Accounts.tokenFor(name));
    }

    /** The user id (the token's subject), as used in direct-message room ids. */
    public long id() {
        return Long.parseLong(Accounts.subjectOf(token));
    }

    /** The id of the direct-message room between this user and another: dm:<smaller id>:<larger id>. */
    public String dmWith(ChatUser other) {
        return "dm:" + Math.min(id(), other.id()) + ":" + Math.max(id(), other.id());
    }
}
