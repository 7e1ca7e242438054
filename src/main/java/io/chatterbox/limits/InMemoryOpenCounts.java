package io.chatterbox.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The embedded counts: one map in this process; a key that holds nothing takes no memory. */
@ApplicationScoped
@Typed(InMemoryOpenCounts.class)
public class InMemoryOpenCounts implements OpenCounts {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    @Override
    public boolean tryOpen(String key, int max) {
        boolean[] granted = { false };
        open.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            granted[0] = current < max;
            return granted[0] ? current + 1 : count;
        });
        return granted[0];
    }

    @Override
    public void close(String key) {
        open.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
    }
}
