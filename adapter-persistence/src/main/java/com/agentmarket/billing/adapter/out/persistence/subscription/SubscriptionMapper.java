package com.agentmarket.billing.adapter.out.persistence.subscription;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.PendingChange;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Between the model and the {@code subscription} row. Also used by the execution ledger's own read of the row. */
public final class SubscriptionMapper {

    private SubscriptionMapper() {
    }

    /**
     * The {@code items} column: {@code si_...:price_...} pairs, comma-separated (Stripe's ids are letters, digits and
     * underscores, so neither separator can occur in them); an item stored before prices were kept is its id alone.
     */
    public static Set<SubscriptionItem> itemsFromColumn(String column) {
        if (column == null || column.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(column.split(",")).map(entry -> {
            int colon = entry.indexOf(':');
            return colon < 0 ? new SubscriptionItem(new SubscriptionItemId(entry), Optional.empty())
                    : new SubscriptionItem(new SubscriptionItemId(entry.substring(0, colon)), new PriceId(entry.substring(colon + 1)));
        }).collect(Collectors.toUnmodifiableSet());
    }

    static String itemsToColumn(Set<SubscriptionItem> items) {
        return items.stream().map(item -> item.id().value() + item.price().map(price -> ":" + price.value()).orElse(""))
                .sorted().collect(Collectors.joining(","));
    }

    static Subscription toDomain(SubscriptionEntity entity) {
        return Subscription.reconstitute(new StripeSubscriptionId(entity.id), new CustomerId(entity.customerId),
                entity.planId, entity.status,
                new BillingPeriod(fromColumn(entity.currentPeriodStart), fromColumn(entity.currentPeriodEnd)),
                entity.cancelAtPeriodEnd, Optional.ofNullable(fromColumn(entity.cancelAt)),
                itemsFromColumn(entity.items), fromColumn(entity.stripeCreated), fromColumn(entity.observedAt),
                entity.version).withTrialEnd(Optional.ofNullable(fromColumn(entity.trialEnd)))
                .withPlanChanges(Optional.ofNullable(entity.pendingPlanId)
                                .map(plan -> new PendingChange(plan, fromColumn(entity.pendingChangeAt))),
                        Optional.ofNullable(fromColumn(entity.upgradeAwaitingPaymentUntil)));
    }

    static void copy(Subscription subscription, SubscriptionEntity entity) {
        entity.planId = subscription.plan();
        entity.status = subscription.status();
        entity.currentPeriodStart = toColumn(subscription.currentPeriod().start());
        entity.currentPeriodEnd = toColumn(subscription.currentPeriod().end());
        entity.cancelAtPeriodEnd = subscription.cancelAtPeriodEnd();
        entity.cancelAt = toColumn(subscription.cancelAt().orElse(null));
        entity.items = itemsToColumn(subscription.items());
        entity.stripeCreated = toColumn(subscription.created());
        entity.observedAt = toColumn(subscription.observedAt());
        entity.trialEnd = toColumn(subscription.trialEnd().orElse(null));
        entity.pendingPlanId = subscription.pendingChange().map(PendingChange::plan).orElse(null);
        entity.pendingChangeAt = toColumn(subscription.pendingChange().map(PendingChange::effectiveAt).orElse(null));
        entity.upgradeAwaitingPaymentUntil = toColumn(subscription.upgradeAwaitingPayment().orElse(null));
    }
}
