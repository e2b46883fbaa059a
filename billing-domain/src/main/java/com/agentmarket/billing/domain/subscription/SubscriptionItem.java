package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.plan.PriceId;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a Stripe subscription: the price it bills (the tier's, or the metered price for overage). The price is
 * unknown only for an item stored before prices were kept, until the subscription's next sync from Stripe.
 */
public record SubscriptionItem(SubscriptionItemId id, Optional<PriceId> price) {

    public SubscriptionItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(price, "price");
    }

    public SubscriptionItem(SubscriptionItemId id, PriceId price) {
        this(id, Optional.of(price));
    }
}
