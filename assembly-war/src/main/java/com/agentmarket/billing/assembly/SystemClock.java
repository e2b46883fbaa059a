package com.agentmarket.billing.assembly;

import com.agentmarket.billing.application.shared.port.out.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The wall clock, for production. */
@ApplicationScoped
class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now();
    }
}
