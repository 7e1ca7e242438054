package io.chatterbox.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of the users table (see {@link io.chatterbox.accounts.Account}). */
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
}
