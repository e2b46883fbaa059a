package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The phases a subscription schedule is given to change the plan at the end of the period: the current phase as it
 * is, until the period ends, then one month at the new prices, after which the schedule releases the subscription
 * (it goes on at the new prices, month after month).
 *
 * @param currentPhase from the current phase's start to the end of the period
 * @param meteredPrice the metered price among them (overage billing), which takes no quantity; each other one, 1
 * @param automaticTax whether the new phase uses Stripe Tax
 */
public record PlanChangeSchedule(String scheduleId, BillingPeriod currentPhase, List<PriceId> currentPrices,
        List<PriceId> nextPrices, Optional<PriceId> meteredPrice, boolean automaticTax) {

    public PlanChangeSchedule {
        Objects.requireNonNull(scheduleId, "scheduleId");
        Objects.requireNonNull(currentPhase, "currentPhase");
        currentPrices = List.copyOf(currentPrices);
        nextPrices = List.copyOf(nextPrices);
        Objects.requireNonNull(meteredPrice, "meteredPrice");
    }
}
