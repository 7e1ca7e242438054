package io.chatterbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.chatterbox.files.FileCatalog;
import io.chatterbox.files.StoredFile;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.SearchTerm;
import io.chatterbox.messages.StoredMessage;

/**
 * What every {@link FileCatalog} promises, and what the files migration gives the messages table (search by the names
 * of a message's files), on embedded SQLite and on the cluster's PostgreSQL alike. Each test uses uploaders, rooms,
 * hashes and message ids of its own, so a shared database does not disturb it.
 */
abstract class FileCatalogContract {

    private static final long NOW = 1_800_000_000_000L;

    abstract FileCatalog catalog();

    abstract MessageLog messages();

    /** The database under both, for what other components write (a message claiming files, message rows). */
    abstract DataSource dataSource();

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    static String sha256(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message id no other test uses (no message row is needed: the catalog only keeps the number). */
    static long messageId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    static StoredFile file(String uploader, String room, long size, long createdAt) {
        return new StoredFile(unique("f"), room, uploader, "report.pdf", "application/pdf", size, sha256(unique("bytes")),
                null, null, null, null, null, createdAt);
    }

    static StoredFile image(String uploader, String room, long size) {
        return new StoredFile(unique("i"), room, uploader, "cat.jpg", "image/jpeg", size, sha256(unique("bytes")), 4000,
                3000, sha256(unique("thumb")), "image/jpeg", null, NOW);
    }

    private StoredFile inserted(StoredFile file) {
        catalog().insert(file);
        return file;
    }

    /** What the message store does when a message carries the file. */
    void attach(StoredFile file, long messageId) {
        update("UPDATE files SET message_id = ? WHERE id = ?", messageId, file.id());
    }

    private static StoredFile attached(StoredFile file, long messageId) {
        return new StoredFile(file.id(), file.room(), file.uploader(), file.name(), file.type(), file.size(), file.sha256(),
                file.width(), file.height(), file.thumbSha256(), file.thumbType(), messageId, file.createdAt());
    }

    @Test
    void anInsertedFileIsFoundWithEveryColumn() {
        String uploader = unique("ann");
        String room = unique("room");
        StoredFile document = inserted(file(uploader, room, 1234, NOW));
        StoredFile picture = inserted(image(uploader, room, 56789));

        assertThat(catalog().find(document.id())).contains(document);
        assertThat(catalog().find(picture.id())).contains(picture);
        assertThat(catalog().find(unique("nope"))).isEmpty();
        assertThat(catalog().findAll(List.of(picture.id(), unique("nope"), document.id())))
                .containsExactlyInAnyOrder(document, picture);
        assertThat(catalog().findAll(List.of())).isEmpty();
    }

    @Test
    void aFileAMessageCarriesShowsItsMessage() {
        StoredFile file = inserted(file(unique("ann"), unique("room"), 10, NOW));
        long message = messageId();

        attach(file, message);

        assertThat(catalog().find(file.id())).contains(attached(file, message));
    }

    @Test
    void usedBytesSumTheUploadersFilesThatAreNotDeleted() {
        String ann = unique("ann");
        String room = unique("room");
        StoredFile first = inserted(file(ann, room, 100, NOW));
        inserted(image(ann, unique("elsewhere"), 250));
        inserted(file(unique("bob"), room, 7000, NOW));

        assertThat(catalog().usedBytes(ann)).isEqualTo(350);
        assertThat(catalog().deleteUnattached(first.id(), ann)).isTrue();
        assertThat(catalog().usedBytes(ann)).isEqualTo(250);
        assertThat(catalog().usedBytes(unique("nobody"))).isZero();
    }

    @Test
    void usedBytesAddUpBeyondFourGigabytes() {
        String ann = unique("ann");
        inserted(file(ann, unique("room"), 3L << 30, NOW));
        inserted(file(ann, unique("room"), 3L << 30, NOW));

        assertThat(catalog().usedBytes(ann)).isEqualTo(6L << 30);
    }

    @Test
    void anUnattachedFileIsDeletedOnlyByItsUploaderAndOnlyBeforeAMessageCarriesIt() {
        String ann = unique("ann");
        String room = unique("room");
        StoredFile pending = inserted(file(ann, room, 10, NOW));
        StoredFile sent = inserted(file(ann, room, 20, NOW));
        attach(sent, messageId());

        assertThat(catalog().deleteUnattached(pending.id(), unique("bob"))).isFalse();
        assertThat(catalog().find(pending.id())).isPresent();
        assertThat(catalog().deleteUnattached(sent.id(), ann)).isFalse();
        assertThat(catalog().find(sent.id())).isPresent();

        assertThat(catalog().deleteUnattached(pending.id(), ann)).isTrue();
        assertThat(catalog().find(pending.id())).isEmpty();
        assertThat(catalog().findAll(List.of(pending.id(), sent.id()))).extracting(StoredFile::id).containsExactly(sent.id());
        assertThat(catalog().deleteUnattached(pending.id(), ann)).as("deleted already").isFalse();
        assertThat(catalog().deleteUnattached(unique("nope"), ann)).isFalse();
    }

    @Test
    void deletingAMessagesFilesDeletesThoseAndReturnsThem() {
        String ann = unique("ann");
        String room = unique("room");
        long message = messageId();
        StoredFile first = inserted(file(ann, room, 10, NOW));
        StoredFile second = inserted(image(ann, room, 20));
        StoredFile ofAnotherMessage = inserted(file(ann, room, 30, NOW));
        StoredFile pending = inserted(file(ann, room, 40, NOW));
        attach(first, message);
        attach(second, message);
        attach(ofAnotherMessage, messageId());

        assertThat(catalog().deleteAttachedTo(message)).containsExactlyInAnyOrder(attached(first, message),
                attached(second, message));

        assertThat(catalog().findAll(List.of(first.id(), second.id(), ofAnotherMessage.id(), pending.id())))
                .extracting(StoredFile::id).containsExactlyInAnyOrder(ofAnotherMessage.id(), pending.id());
        assertThat(catalog().usedBytes(ann)).isEqualTo(70);
        assertThat(catalog().deleteAttachedTo(message)).as("deleted already").isEmpty();
    }

    /** Old creation times of their own (the sweep spans every uploader), far before anything a real upload has. */
    @Test
    void theSweepDeletesOldFilesNoMessageClaimedAndReturnsThem() {
        String ann = unique("ann");
        String room = unique("room");
        long base = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
        StoredFile old = inserted(file(ann, room, 10, base));
        StoredFile oldImage = inserted(image(ann, room, 20));
        StoredFile oldButSent = inserted(file(ann, room, 30, base));
        StoredFile recent = inserted(file(ann, room, 40, base + 2000));
        StoredFile oldAndDeleted = inserted(file(ann, room, 50, base));
        update("UPDATE files SET created_at = ? WHERE id = ?", base + 999, oldImage.id());
        attach(oldButSent, messageId());
        assertThat(catalog().deleteUnattached(oldAndDeleted.id(), ann)).isTrue();

        List<StoredFile> swept = catalog().deleteUnclaimed(base + 1000);

        assertThat(swept).filteredOn(file -> file.uploader().equals(ann)).extracting(StoredFile::id)
                .containsExactlyInAnyOrder(old.id(), oldImage.id());
        assertThat(swept).filteredOn(file -> file.id().equals(old.id())).containsExactly(old);
        assertThat(catalog().findAll(List.of(old.id(), oldImage.id(), oldButSent.id(), recent.id())))
                .extracting(StoredFile::id).containsExactlyInAnyOrder(oldButSent.id(), recent.id());
        assertThat(catalog().deleteUnclaimed(base + 1000)).filteredOn(file -> file.uploader().equals(ann)).isEmpty();
    }

    @Test
    void aBlobIsReferencedWhileAFileNotDeletedHasItAsBytesOrAsThumbnail() {
        String ann = unique("ann");
        String room = unique("room");
        StoredFile picture = inserted(image(ann, room, 20));
        StoredFile copy = inserted(new StoredFile(unique("c"), room, ann, "copy.pdf", "application/pdf", 5,
                picture.thumbSha256(), null, null, null, null, null, NOW));

        assertThat(catalog().references(picture.sha256())).isTrue();
        assertThat(catalog().references(picture.thumbSha256())).isTrue();
        assertThat(catalog().references(sha256(unique("never")))).isFalse();

        assertThat(catalog().deleteUnattached(picture.id(), ann)).isTrue();
        assertThat(catalog().references(picture.sha256())).isFalse();
        assertThat(catalog().references(picture.thumbSha256())).as("still the bytes of another file").isTrue();
        assertThat(catalog().deleteUnattached(copy.id(), ann)).isTrue();
        assertThat(catalog().references(picture.thumbSha256())).isFalse();
    }

    @Test
    void aMessageIsFoundByTheNamesOfItsFiles() {
        String room = unique("room");
        long id = messageWithFiles(room, "look at these", "holiday-photo.jpg Quarterly_Report.pdf");
        messageWithFiles(room, "nothing attached", null);

        assertThat(search(room, new SearchTerm("holiday", false))).containsExactly(id);
        assertThat(search(room, new SearchTerm("photo", false))).containsExactly(id);
        assertThat(search(room, new SearchTerm("quarterly", false))).containsExactly(id);
        assertThat(search(room, new SearchTerm("holi", true))).containsExactly(id);
        assertThat(search(room, new SearchTerm("look", false), new SearchTerm("report", false))).containsExactly(id);
        assertThat(search(room, new SearchTerm("attached", false))).hasSize(1).doesNotContain(id);
    }

    @Test
    void searchFollowsChangesToTheNamesAndTheText() {
        String room = unique("room");
        long id = messageWithFiles(room, "look at this", "holiday-photo.jpg");

        update("UPDATE messages SET attachment_names = ? WHERE id = ?", "beach.png", id);
        assertThat(search(room, new SearchTerm("holiday", false))).isEmpty();
        assertThat(search(room, new SearchTerm("beach", false))).containsExactly(id);

        update("UPDATE messages SET message = ? WHERE id = ?", "edited", id);
        assertThat(search(room, new SearchTerm("look", false))).isEmpty();
        assertThat(search(room, new SearchTerm("edited", false))).containsExactly(id);
        assertThat(search(room, new SearchTerm("beach", false))).containsExactly(id);
    }

    private List<Long> search(String room, SearchTerm... terms) {
        return messages().search(List.of(room), List.of(terms), 10).stream().map(StoredMessage::id).toList();
    }

    /** A message row as the message store would write one carrying files by these names. */
    long messageWithFiles(String room, String text, String attachmentNames) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO messages (username, message, timestamp, room, attachment_names) VALUES (?, ?, ?, ?, ?)
                        RETURNING id""")) {
            insert.setString(1, "ann");
            insert.setString(2, text);
            insert.setLong(3, NOW);
            insert.setString(4, room);
            insert.setString(5, attachmentNames);
            try (ResultSet id = insert.executeQuery()) {
                assertThat(id.next()).isTrue();
                return id.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(String sql, Object... parameters) {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
