package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.util.List;
import java.util.Optional;

/**
 * Stripe, as the use cases need it. Every write takes the idempotency key of the user action it belongs to.
 * Failures are {@link PaymentGatewayException}s: {@link PaymentGatewayException.Rejected} when Stripe refuses the
 * request, {@link PaymentGatewayException.Unavailable} when it cannot be reached or is overloaded.
 */
public interface PaymentGateway {

    /** Which Stripe account mode the configured key works in. */
    enum Mode {
        TEST,
        LIVE,
        NOT_CONFIGURED
    }

    Mode mode();

    StripeCustomerId createCustomer(CustomerId customer, Optional<Email> email, String idempotencyKey);

    HostedCheckout createCheckoutSession(CheckoutRequest request, String idempotencyKey);

    /** Empty when Stripe has no such session. */
    Optional<CheckoutSessionSnapshot> checkoutSession(String sessionId);

    /** The subscription as it is in Stripe now; empty when Stripe has no such subscription. */
    Optional<SubscriptionSnapshot> subscription(StripeSubscriptionId id);

    SubscriptionSnapshot setCancelAtPeriodEnd(StripeSubscriptionId id, boolean cancelAtPeriodEnd, String idempotencyKey);

    /** Stripe's resume call, for a paused subscription. */
    SubscriptionSnapshot resumePaused(StripeSubscriptionId id, String idempotencyKey);

    List<PaymentMethodSummary> paymentMethods(StripeCustomerId customer);

    List<InvoiceSummary> invoices(StripeCustomerId customer, int limit);

    /** A Customer Portal session's URL. */
    String createPortalSession(StripeCustomerId customer, String returnUrl, String idempotencyKey);

    /** The invoice as it is in Stripe now; empty when Stripe has no such invoice. */
    Optional<InvoiceSnapshot> invoice(String invoiceId);

    /** Empty when Stripe has no such price. */
    Optional<PriceDescription> price(PriceId price);
}
