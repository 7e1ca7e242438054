package io.chatterbox.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory and CPU time of a Linux process at one instant, read from /proc/&lt;pid&gt;/status (VmRSS) and
 * /proc/&lt;pid&gt;/stat (utime + stime, in clock ticks).
 */
record ProcessSample(long wallNanos, long rssKb, long cpuTicks) {

    /** Clock ticks per second; 100 on every common Linux kernel. */
    static final long TICKS_PER_SECOND = 100;

    /** Several processes (comma-separated pids, e.g. two cluster nodes) as one: RSS and CPU summed. */
    static ProcessSample ofAll(String pids) {
        long now = System.nanoTime();
        long rss = 0;
        long ticks = 0;
        for (String pid : pids.split(",")) {
            ProcessSample one = of(pid.trim());
            if (!one.valid()) {
                return new ProcessSample(now, -1, -1);
            }
            rss += one.rssKb;
            ticks += one.cpuTicks;
        }
        return new ProcessSample(now, rss, ticks);
    }

    static ProcessSample of(String pid) {
        long now = System.nanoTime();
        try {
            long rss = -1;
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return new ProcessSample(now, rss, utime + stime);
        } catch (IOException | RuntimeException unreadable) {
            return new ProcessSample(now, -1, -1);
        }
    }

    boolean valid() {
        return rssKb >= 0 && cpuTicks >= 0;
    }

    /** CPU used between two samples, as a percentage of one core. */
    static double cpuPercent(ProcessSample from, ProcessSample to) {
        if (from == null || to == null || !from.valid() || !to.valid() || to.wallNanos <= from.wallNanos) {
            return -1;
        }
        double cpuSeconds = (to.cpuTicks - from.cpuTicks) / (double) TICKS_PER_SECOND;
        return 100.0 * cpuSeconds / ((to.wallNanos - from.wallNanos) / 1e9);
    }
}
