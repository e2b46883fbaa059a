package com.agentmarket.billing.application.subscription.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import java.util.Optional;

/**
 * Moves a paid subscription to another tier in Stripe: an upgrade now, the proration charged at once (a declined
 * card leaves the plan as it is); a downgrade at the end of the period, through a subscription schedule; the current
 * tier's price again drops a pending downgrade.
 */
public interface ChangePlan {

    /**
     * @param clientKey the caller's {@code Idempotency-Key}: a retry with it repeats no Stripe write
     * @return the subscription as Stripe has it afterwards, with the pending downgrade if one is scheduled
     */
    SubscriptionView changePlan(CustomerId caller, PriceId price, Optional<String> clientKey);
}
