package io.chatterbox.limits;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatterbox.config.ChatterboxConfig;

/**
 * At most {@code registrationsPerAddressPerHour} registration attempts per client address in an hour (the hour
 * opening at the first). Callers count the attempts that passed validation: each of those costs a bcrypt round and
 * either creates an account or tells whether a name is taken.
 */
@ApplicationScoped
public class RegistrationThrottle {

    private final RateLimit addresses;

    public RegistrationThrottle(RateLimits limits, ChatterboxConfig config) {
        this.addresses = limits.perWindow("registrations-per-address", config.limits().registrationsPerAddressPerHour(),
                Duration.ofHours(1));
    }

    /** @return 0 when the address may register now (the attempt is counted), otherwise the milliseconds to wait */
    public long tryAcquire(String address) {
        return addresses.tryAcquire(address);
    }
}
