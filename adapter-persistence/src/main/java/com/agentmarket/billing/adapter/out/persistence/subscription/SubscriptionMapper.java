package com.agentmarket.billing.adapter.out.persistence.subscription;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

final class SubscriptionMapper {

    private SubscriptionMapper() {
    }

    static Subscription toDomain(SubscriptionEntity entity) {
        return Subscription.reconstitute(new StripeSubscriptionId(entity.id), new CustomerId(entity.customerId),
                entity.planId, entity.status,
                new BillingPeriod(fromColumn(entity.currentPeriodStart), fromColumn(entity.currentPeriodEnd)),
                entity.cancelAtPeriodEnd, Optional.ofNullable(fromColumn(entity.cancelAt)),
                entity.items == null || entity.items.isBlank() ? Set.of()
                        : Arrays.stream(entity.items.split(",")).map(SubscriptionItemId::new).collect(Collectors.toSet()),
                entity.version);
    }

    static void copy(Subscription subscription, SubscriptionEntity entity) {
        entity.planId = subscription.plan();
        entity.status = subscription.status();
        entity.currentPeriodStart = toColumn(subscription.currentPeriod().start());
        entity.currentPeriodEnd = toColumn(subscription.currentPeriod().end());
        entity.cancelAtPeriodEnd = subscription.cancelAtPeriodEnd();
        entity.cancelAt = toColumn(subscription.cancelAt().orElse(null));
        entity.items = subscription.items().stream().map(SubscriptionItemId::value).sorted().collect(Collectors.joining(","));
    }
}
