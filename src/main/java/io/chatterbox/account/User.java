package io.chatterbox.account;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A registered account. The name is shown as typed; {@code usernameKey} is its folded form, unique. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(columnDefinition = "integer") // SQLite's rowid alias; AUTOINCREMENT allows no other type name
    public Long id;

    @Column(nullable = false)
    public String username;

    @Column(name = "username_key", nullable = false, unique = true)
    public String usernameKey;

    @Column(name = "hashed_password", nullable = false)
    public String hashedPassword;

    @Column(name = "created_at", nullable = false)
    public long createdAt;

    /** Tokens carry the version they were issued at; bumping it revokes them all. */
    @Column(name = "token_version", nullable = false)
    public int tokenVersion;

    public static Optional<User> findByName(String username) {
        return find("usernameKey", Usernames.key(username)).firstResultOptional();
    }
}
