package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.plan.PriceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The subscription schedule that manages a subscription, as Stripe reports it now: where its current phase started
 * and, when one follows, the prices of the next phase and when it starts.
 */
public record ScheduleSnapshot(String id, Instant currentPhaseStart, Optional<NextPhase> next) {

    /** The phase Stripe moves the subscription to at {@code start}, billing these prices. */
    public record NextPhase(List<PriceId> prices, Instant start) {

        public NextPhase {
            prices = List.copyOf(prices);
            Objects.requireNonNull(start, "start");
        }
    }

    public ScheduleSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currentPhaseStart, "currentPhaseStart");
        Objects.requireNonNull(next, "next");
    }
}
