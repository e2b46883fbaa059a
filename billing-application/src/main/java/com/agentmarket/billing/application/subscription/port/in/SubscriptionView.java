package com.agentmarket.billing.application.subscription.port.in;

import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.PendingChange;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's subscription as the customer sees it. A customer on Free has no Stripe subscription: it is shown
 * active, without an id, over the calendar month.
 */
public record SubscriptionView(Optional<StripeSubscriptionId> id, SubscriptionStatus status, BillingPeriod currentPeriod,
        boolean cancelAtPeriodEnd, Optional<Instant> cancelAt, Plan plan, Optional<Instant> trialEnd,
        Optional<PendingChange> pendingChange) {

    public SubscriptionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currentPeriod, "currentPeriod");
        Objects.requireNonNull(cancelAt, "cancelAt");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(trialEnd, "trialEnd");
        Objects.requireNonNull(pendingChange, "pendingChange");
    }

    public static SubscriptionView of(Subscription subscription, Plan plan) {
        return new SubscriptionView(Optional.of(subscription.id()), subscription.status(), subscription.currentPeriod(),
                subscription.cancelAtPeriodEnd(), subscription.scheduledEnd(), plan, subscription.trialEnd(),
                subscription.pendingChange());
    }

    /**
     * The view at {@code now}: a pending change whose date has passed is Stripe's to have made already (its renewal
     * webhook on its way), so it is no longer shown as pending.
     */
    public SubscriptionView asOf(Instant now) {
        return new SubscriptionView(id, status, currentPeriod, cancelAtPeriodEnd, cancelAt, plan, trialEnd,
                pendingChange.filter(change -> change.effectiveAt().isAfter(now)));
    }

    public static SubscriptionView free(Plan free, BillingPeriod calendarMonth) {
        return new SubscriptionView(Optional.empty(), SubscriptionStatus.ACTIVE, calendarMonth, false, Optional.empty(), free,
                Optional.empty(), Optional.empty());
    }
}
