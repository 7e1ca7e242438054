package io.chatterbox.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import javax.sql.DataSource;

import io.chatterbox.accounts.AccountStore;
import io.chatterbox.accounts.DeviceStore;
import io.chatterbox.cluster.ClusterWiring;
import io.chatterbox.config.ChatterboxConfig;
import io.chatterbox.files.BlobStore;
import io.chatterbox.files.FileCatalog;
import io.chatterbox.messages.MessageLog;
import io.chatterbox.messages.ReadMarkerStore;
import io.chatterbox.rooms.RoomStore;
import io.chatterbox.storage.postgres.PgAccounts;
import io.chatterbox.storage.postgres.PgBlobStore;
import io.chatterbox.storage.postgres.PgDevices;
import io.chatterbox.storage.postgres.PgFileCatalog;
import io.chatterbox.storage.postgres.PgMessageLog;
import io.chatterbox.storage.postgres.PgReadMarkers;
import io.chatterbox.storage.postgres.PgRooms;

/**
 * The store of record, chosen when the node starts: SQLite in the data directory (embedded, the default), or the
 * cluster's PostgreSQL when {@code chatterbox.cluster.database-url} is set. One artifact serves both; the unused
 * store's beans are never created, so an embedded node never touches PostgreSQL and a cluster node no SQLite file.
 */
@ApplicationScoped
class Stores {

    /** The datasource of cluster mode, active only when its URL is set. */
    static final String CLUSTER_DATASOURCE = "cluster";

    private final boolean cluster;
    private final Instance<DataSource> shared;

    Stores(ChatterboxConfig config, @io.quarkus.agroal.DataSource(CLUSTER_DATASOURCE) Instance<DataSource> shared) {
        this.cluster = config.cluster().enabled();
        this.shared = shared;
    }

    @Produces
    @ApplicationScoped
    MessageLog messageLog(Instance<SqliteMessageLog> embedded) {
        return cluster ? new PgMessageLog(shared.get()) : embedded.get();
    }

    @Produces
    @ApplicationScoped
    AccountStore accounts(Instance<SqliteAccounts> embedded) {
        return cluster ? new PgAccounts(shared.get()) : embedded.get();
    }

    @Produces
    @ApplicationScoped
    RoomStore rooms(Instance<SqliteRooms> embedded, ClusterWiring wiring) {
        return cluster ? wiring.rooms(new PgRooms(shared.get())) : embedded.get();
    }

    @Produces
    @ApplicationScoped
    ReadMarkerStore readMarkers(Instance<SqliteReadMarkers> embedded) {
        return cluster ? new PgReadMarkers(shared.get()) : embedded.get();
    }

    @Produces
    @ApplicationScoped
    DeviceStore devices(Instance<SqliteDevices> embedded) {
        return cluster ? new PgDevices(shared.get()) : embedded.get();
    }

    @Produces
    @ApplicationScoped
    FileCatalog files(Instance<SqliteFileCatalog> embedded) {
        return cluster ? new PgFileCatalog(shared.get()) : embedded.get();
    }

    /** The bytes of files: a directory in the data directory, or chunks in the cluster's PostgreSQL (no shared disk needed). */
    @Produces
    @ApplicationScoped
    BlobStore blobs(Instance<DirectoryBlobStore> embedded) {
        return cluster ? new PgBlobStore(shared.get()) : embedded.get();
    }
}
