package com.agentmarket.billing.application.usage.port.out;

import java.time.Instant;
import java.util.Objects;

/** What Stripe's meter summed for one customer over one window ({@code [start, end)}), from its event summaries. */
public record MeterWindow(Instant start, Instant end, long value) {

    public MeterWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a window ends after it starts: " + start + " .. " + end);
        }
    }
}
