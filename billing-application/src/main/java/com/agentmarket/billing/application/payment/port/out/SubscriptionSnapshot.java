package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription as Stripe reports it now (API 2026-07-29: the period comes from its items).
 *
 * @param customerIdMetadata our customer id, from the subscription's {@code metadata.customer_id}
 * @param items its items and their prices: the tier's and, with overage billing, the metered one
 * @param created when Stripe created it
 * @param latestInvoice the last invoice it produced (the first one, just after checkout)
 * @param trialEnd when its trial ends (or ended); empty when it has none
 * @param schedule the subscription schedule that manages it, when one does (a plan change at the period's end)
 * @param upgradeAwaitingPayment until when a change waits for its invoice to be paid (Stripe's {@code pending_update},
 *        its {@code expires_at}); empty when none does
 * @param automaticTax whether Stripe Tax computes the subscription's tax ({@code automatic_tax.enabled})
 */
public record SubscriptionSnapshot(StripeSubscriptionId id, StripeCustomerId customer, Optional<String> customerIdMetadata,
        SubscriptionStatus status, List<SubscriptionItem> items, BillingPeriod currentPeriod, boolean cancelAtPeriodEnd,
        Optional<Instant> cancelAt, boolean livemode, Instant created, Optional<String> latestInvoice,
        Optional<Instant> trialEnd, Optional<ScheduleSnapshot> schedule, Optional<Instant> upgradeAwaitingPayment,
        boolean automaticTax) {

    /** A subscription without a schedule or a pending update. */
    public SubscriptionSnapshot(StripeSubscriptionId id, StripeCustomerId customer, Optional<String> customerIdMetadata,
            SubscriptionStatus status, List<SubscriptionItem> items, BillingPeriod currentPeriod, boolean cancelAtPeriodEnd,
            Optional<Instant> cancelAt, boolean livemode, Instant created, Optional<String> latestInvoice,
            Optional<Instant> trialEnd) {
        this(id, customer, customerIdMetadata, status, items, currentPeriod, cancelAtPeriodEnd, cancelAt, livemode, created,
                latestInvoice, trialEnd, Optional.empty(), Optional.empty(), false);
    }

    /** A subscription without a trial. */
    public SubscriptionSnapshot(StripeSubscriptionId id, StripeCustomerId customer, Optional<String> customerIdMetadata,
            SubscriptionStatus status, List<SubscriptionItem> items, BillingPeriod currentPeriod, boolean cancelAtPeriodEnd,
            Optional<Instant> cancelAt, boolean livemode, Instant created, Optional<String> latestInvoice) {
        this(id, customer, customerIdMetadata, status, items, currentPeriod, cancelAtPeriodEnd, cancelAt, livemode, created,
                latestInvoice, Optional.empty());
    }

    public List<PriceId> prices() {
        return items.stream().map(SubscriptionItem::price).flatMap(Optional::stream).toList();
    }

    public SubscriptionSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(customerIdMetadata, "customerIdMetadata");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
        Objects.requireNonNull(currentPeriod, "currentPeriod");
        Objects.requireNonNull(cancelAt, "cancelAt");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(latestInvoice, "latestInvoice");
        Objects.requireNonNull(trialEnd, "trialEnd");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(upgradeAwaitingPayment, "upgradeAwaitingPayment");
    }

    /** The same subscription, managed by this schedule and with this change awaiting payment. */
    public SubscriptionSnapshot withPlanChanges(Optional<ScheduleSnapshot> managedBy, Optional<Instant> awaitingPaymentUntil) {
        return new SubscriptionSnapshot(id, customer, customerIdMetadata, status, items, currentPeriod, cancelAtPeriodEnd,
                cancelAt, livemode, created, latestInvoice, trialEnd, managedBy, awaitingPaymentUntil, automaticTax);
    }

    /** The same subscription, with Stripe Tax on or off. */
    public SubscriptionSnapshot withAutomaticTax(boolean enabled) {
        return new SubscriptionSnapshot(id, customer, customerIdMetadata, status, items, currentPeriod, cancelAtPeriodEnd,
                cancelAt, livemode, created, latestInvoice, trialEnd, schedule, upgradeAwaitingPayment, enabled);
    }
}
