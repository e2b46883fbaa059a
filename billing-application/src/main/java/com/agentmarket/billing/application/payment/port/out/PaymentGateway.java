package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import java.util.List;
import java.util.Optional;

/**
 * Stripe, as the use cases need it. Every write takes the idempotency key of the user action it belongs to.
 * Failures are {@link PaymentGatewayException}s: {@link PaymentGatewayException.Rejected} when Stripe refuses the
 * request, {@link PaymentGatewayException.Unavailable} when it cannot be reached or is overloaded.
 */
public interface PaymentGateway {

    /** Which Stripe account mode the configured key works in. */

    GatewayMode mode();

    StripeCustomerId createCustomer(CustomerId customer, Optional<Email> email, String idempotencyKey);

    /**
     * The Stripe customer whose {@code metadata.customer_id} names our customer (Stripe's customer search; the first
     * created when there are several); empty when there is none. Search lags writes by up to a minute.
     */
    Optional<StripeCustomerId> findCustomer(CustomerId customer);

    HostedCheckout createCheckoutSession(CheckoutRequest request, String idempotencyKey);

    /** Empty when Stripe has no such session. */
    Optional<CheckoutSessionSnapshot> checkoutSession(String sessionId);

    /** The customer's Checkout Sessions that are open at Stripe (at most the 100 newest). */
    List<CheckoutSessionSnapshot> openCheckoutSessions(StripeCustomerId customer);

    /**
     * Expires an open Checkout Session, so it can no longer be paid. A session that is no longer open (completed or
     * expired already) is refused by Stripe ({@link PaymentGatewayException.Rejected}).
     */
    CheckoutSessionSnapshot expireCheckoutSession(String sessionId, String idempotencyKey);

    /**
     * The subscription as it is in Stripe now, with the schedule that manages it; empty when Stripe has no such
     * subscription.
     */
    Optional<SubscriptionSnapshot> subscription(StripeSubscriptionId id);

    /**
     * Moves the item to the price at once, the proration invoiced and charged now ({@code proration_behavior=
     * always_invoice}). When that invoice cannot be paid, Stripe keeps the change as a pending update ({@code
     * payment_behavior=pending_if_incomplete}) and the subscription as it was; the answer shows it
     * ({@link SubscriptionSnapshot#upgradeAwaitingPayment}). The period does not restart.
     */
    SubscriptionSnapshot changePriceNow(StripeSubscriptionId id, SubscriptionItemId item, PriceId price,
            String idempotencyKey);

    /**
     * Puts the subscription under a new subscription schedule ({@code from_subscription}) whose one phase is the
     * subscription as it is; returns the schedule's id.
     */
    String scheduleFromSubscription(StripeSubscriptionId id, String idempotencyKey);

    /**
     * Gives the schedule its phases: the current one as it is (its trial, discounts and tax kept) to the period's end,
     * then the new prices, with the current discounts carried over.
     */
    void schedulePlanChange(PlanChangeSchedule phases, String idempotencyKey);

    /** Turns Stripe Tax on for the subscription's coming invoices, without prorating anything. */
    SubscriptionSnapshot enableAutomaticTax(StripeSubscriptionId id, String idempotencyKey);

    /** Releases the schedule: the subscription goes on as it is now, without the schedule's later phases. */
    void releaseSchedule(String scheduleId, String idempotencyKey);

    /** The subscription a schedule manages (or released); empty when Stripe has no such schedule. */
    Optional<StripeSubscriptionId> subscriptionOfSchedule(String scheduleId);

    /** Schedules the end at the period's end ({@code cancel_at_period_end}). */
    SubscriptionSnapshot scheduleCancellation(StripeSubscriptionId id, String idempotencyKey);

    /**
     * Undoes a scheduled end: at the period's end ({@code cancel_at_period_end}), or at a date ({@code cancel_at},
     * set in the customer portal or the Dashboard) when {@code byDate}.
     */
    SubscriptionSnapshot undoScheduledCancellation(StripeSubscriptionId id, boolean byDate, String idempotencyKey);

    /** Ends the subscription now, without proration credit (a refund is made separately, see {@link #refund}). */
    SubscriptionSnapshot cancelNow(StripeSubscriptionId id, String idempotencyKey);

    /**
     * Gives back part of a paid invoice to the customer's payment method (a credit note, which carries the
     * idempotency key in its metadata as {@link CreditNote#action}); returns its id.
     */
    String refund(String invoiceId, Money amount, String reason, String idempotencyKey);

    /** The credit notes of an invoice (at most 100). */
    List<CreditNote> creditNotes(String invoiceId);

    /** Stripe's resume call, for a paused subscription. */
    SubscriptionSnapshot resumePaused(StripeSubscriptionId id, String idempotencyKey);

    List<PaymentMethodSummary> paymentMethods(StripeCustomerId customer);

    List<InvoiceSummary> invoices(StripeCustomerId customer, int limit);

    /** What Stripe would invoice for a change of price ({@code POST /v1/invoices/create_preview}): the amount due. */
    Money previewInvoice(InvoicePreviewRequest request);

    /** A Customer Portal session's URL. */
    String createPortalSession(StripeCustomerId customer, String returnUrl, String idempotencyKey);

    /** The invoice as it is in Stripe now; empty when Stripe has no such invoice. */
    Optional<InvoiceSnapshot> invoice(String invoiceId);

    /** Empty when Stripe has no such price. */
    Optional<PriceDescription> price(PriceId price);
}
