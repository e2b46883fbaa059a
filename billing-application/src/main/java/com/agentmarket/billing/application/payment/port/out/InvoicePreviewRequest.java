package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import java.util.Objects;

/**
 * The invoice Stripe would issue if the subscription's {@code item} billed {@code price} instead.
 *
 * @param prorateNow whether the change is invoiced now with proration (an upgrade); otherwise the preview is the next
 *        regular invoice at the new price
 * @param automaticTax whether Stripe Tax is to be computed, as it is on the change itself
 */
public record InvoicePreviewRequest(StripeCustomerId customer, StripeSubscriptionId subscription, SubscriptionItemId item,
        PriceId price, boolean prorateNow, boolean automaticTax) {

    public InvoicePreviewRequest {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(price, "price");
    }
}
