package io.chatterbox.support.memory;

import java.util.Map;

import io.chatterbox.config.ChatterboxConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The Chatterbox settings without a running application: every default, and the overrides a test gives. */
public final class TestConfig {

    private TestConfig() {
    }

    public static ChatterboxConfig defaults() {
        return with(Map.of());
    }

    /** @param overrides full property names, e.g. {@code chatterbox.limits.rooms-per-user-per-hour} */
    public static ChatterboxConfig with(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ChatterboxConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter()) // Quarkus registers it in an application
                .withSources(new PropertiesConfigSource(overrides, "test-overrides", 500))
                .build();
        return config.getConfigMapping(ChatterboxConfig.class);
    }
}
