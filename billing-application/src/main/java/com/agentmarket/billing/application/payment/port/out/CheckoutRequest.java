package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A subscription-mode Checkout Session for one of our customers.
 *
 * @param meteredPrice a metered price to add as a second line item, for overage billing
 * @param trialDays the subscription's trial, when it gets one
 * @param allowPromotionCodes whether the checkout page takes Stripe promotion codes
 * @param automaticTax whether Stripe Tax computes tax, collecting the billing address and tax id
 */
public record CheckoutRequest(StripeCustomerId stripeCustomer, CustomerId customer, PriceId price,
        Optional<PriceId> meteredPrice, String successUrl, String cancelUrl, OptionalInt trialDays,
        boolean allowPromotionCodes, boolean automaticTax) {

    public CheckoutRequest {
        Objects.requireNonNull(stripeCustomer, "stripeCustomer");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(meteredPrice, "meteredPrice");
        Objects.requireNonNull(successUrl, "successUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
        Objects.requireNonNull(trialDays, "trialDays");
    }
}
