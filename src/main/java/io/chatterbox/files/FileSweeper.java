package io.chatterbox.files;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Deletes what no one will use: uploads never sent (after {@code chatterbox.files.unclaimed-lifetime}) and temporary
 * files a crash cut off, shortly after start and then every hour, on a thread of its own, since it reads the store.
 * Every node of a cluster sweeps; the deletions are idempotent.
 */
@ApplicationScoped
public class FileSweeper {

    private static final Logger LOG = Logger.getLogger(FileSweeper.class);

    private final FileService files;
    private ScheduledExecutorService timer;

    public FileSweeper(FileService files) {
        this.files = files;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "file-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, 30, TimeUnit.HOURS.toSeconds(1), TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    private void sweep() {
        try {
            files.sweep();
        } catch (RuntimeException e) {
            LOG.warn("Sweeping unused files failed; it is tried again in an hour", e);
        }
    }
}
