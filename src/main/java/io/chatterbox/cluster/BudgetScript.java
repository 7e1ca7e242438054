package io.chatterbox.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/**
 * A budget kept in Redis for every node, changed by one Lua script so that reading and writing it is one step. Each
 * script answers {@code [left, windowLeftMillis]}: what all nodes together have left after the change, and for a
 * window the milliseconds until it refills. Time is Redis's own, so the nodes' clocks need not agree.
 */
enum BudgetScript {

    /** ARGV: permits per millisecond, burst, permits taken (-1 gives one back). Below zero is a debt, not refused. */
    TOKEN_BUCKET("""
            local rate, burst, taken = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local time = redis.call('TIME')
            local now = time[1] * 1000 + time[2] / 1000
            local state = redis.call('HMGET', KEYS[1], 'left', 'at')
            local left = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or now
            left = math.min(burst, left + math.max(0, now - at) * rate)
            left = math.min(burst, left - taken)
            redis.call('HSET', KEYS[1], 'left', tostring(left), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil((burst - left) / rate) + 1000)
            return {tostring(left), 0}
            """),

    /** ARGV: permits, window in milliseconds, permits taken (-1 gives one back). The window opens with its first permit. */
    WINDOW("""
            local permits, window, taken = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
            if taken < 0 and redis.call('EXISTS', KEYS[1]) == 0 then
              return {tostring(permits), 0}
            end
            local count = redis.call('INCRBY', KEYS[1], taken)
            if count == taken and taken > 0 then
              redis.call('PEXPIRE', KEYS[1], window)
            end
            return {tostring(permits - count), redis.call('PTTL', KEYS[1])}
            """),

    /** ARGV: window in milliseconds, 1 for an attempt or 0 to start over. Answers the attempts counted in {@code left}. */
    ATTEMPTS("""
            if ARGV[2] == '0' then
              redis.call('DEL', KEYS[1])
              return {'0', 0}
            end
            local count = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return {tostring(count), 0}
            """);

    /** What a script answered. */
    record Left(double left, long windowLeftMillis) {
    }

    private final String source;
    private final String sha;

    BudgetScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** Runs the script by its digest, sending its text only when Redis does not have it yet (after a restart). */
    Future<Left> run(ClusterBus bus, String key, Object... args) {
        return bus.send(call(Command.EVALSHA, sha, key, args))
                .recover(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")
                        ? bus.send(call(Command.EVAL, source, key, args))
                        : Future.failedFuture(failure))
                .map(reply -> new Left(Double.parseDouble(reply.get(0).toString()), reply.get(1).toLong()));
    }

    private static Request call(Command command, String script, String key, Object... args) {
        Request request = Request.cmd(command).arg(script).arg(1).arg(key);
        for (Object arg : args) {
            request.arg(arg.toString());
        }
        return request;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
