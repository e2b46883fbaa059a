package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * A Stripe price, to check the configuration against the catalog.
 *
 * @param unitAmount empty for prices without a flat unit amount (tiered, metered)
 * @param interval {@code month}, {@code year}, ...; empty for one-off prices
 */
public record PriceDescription(PriceId id, Optional<Money> unitAmount, Optional<String> interval, boolean active) {

    public PriceDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unitAmount, "unitAmount");
        Objects.requireNonNull(interval, "interval");
    }
}
