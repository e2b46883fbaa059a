package com.agentmarket.billing.application.subscription.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PriceId;

/** What changing to another plan would cost, before the customer confirms it; nothing changes. */
public interface PreviewPlanChange {

    /**
     * @throws com.agentmarket.billing.application.shared.BillingRejection UNKNOWN_PRICE for a price not on sale,
     *         NOT_SUBSCRIBED for a customer without a paid subscription (checkout is the way)
     */
    PlanChangePreview preview(CustomerId customer, PriceId price);
}
