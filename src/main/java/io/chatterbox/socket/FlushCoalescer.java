package io.chatterbox.socket;

import java.util.LinkedHashSet;
import java.util.Set;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.SingleThreadEventExecutor;

/**
 * Flushes the sockets of one event loop once for many broadcasts. The writer thread hands a committed batch of
 * messages to the loop as consecutive tasks; each writes without flushing and asks for a flush. While more tasks
 * wait, the flush runs as a later task — after the broadcasts already queued — so a socket that gets ten messages
 * is flushed (one system call) once instead of ten times; on an idle loop it runs at once. Used only on its own
 * event loop, hence no locking.
 */
final class FlushCoalescer {

    private final EventLoop loop;
    private final Set<ChannelHandlerContext> unflushed = new LinkedHashSet<>();
    private boolean scheduled;

    FlushCoalescer(EventLoop loop) {
        this.loop = loop;
    }

    void flushSoon(ChannelHandlerContext socket) {
        unflushed.add(socket);
        if (!scheduled) {
            scheduled = true;
            loop.execute(this::flush);
        }
    }

    /**
     * Flushes now when no other task waits on the loop: with nothing to coalesce with, waiting would only add
     * latency. Under load the flush stays queued behind the waiting broadcasts, and covers them too.
     */
    void flushUnlessBusy() {
        if (scheduled && !(loop instanceof SingleThreadEventExecutor executor && executor.pendingTasks() > 1)) {
            flush(); // the one pending task is our own scheduled flush, which will then find nothing to do
        }
    }

    private void flush() {
        scheduled = false;
        for (ChannelHandlerContext socket : unflushed) {
            socket.flush();
        }
        unflushed.clear();
    }
}
