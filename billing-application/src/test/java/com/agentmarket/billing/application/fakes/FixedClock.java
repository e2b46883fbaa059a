package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.shared.port.out.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock that says what the test tells it. */
public class FixedClock implements Clock {

    private volatile Instant now;

    public FixedClock(Instant now) {
        this.now = now;
    }

    public static FixedClock at(String instant) {
        return new FixedClock(Instant.parse(instant));
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }
}
