package io.chatterbox.limits;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The embedded budgets: each limit is a {@link RateLimiter} or an {@link InMemoryBackoff} in this process's memory. */
@ApplicationScoped
@Typed(InMemoryRateLimits.class)
public class InMemoryRateLimits implements RateLimits {

    @Override
    public RateLimit perSecond(String name, double permitsPerSecond, int burst) {
        return RateLimiter.perSecond(permitsPerSecond, burst);
    }

    @Override
    public RateLimit perWindow(String name, int permits, Duration window) {
        return RateLimiter.perWindow(permits, window);
    }

    @Override
    public Backoff backoff(String name, int free, Duration window) {
        return new InMemoryBackoff(free, window);
    }
}
