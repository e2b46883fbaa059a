package com.agentmarket.billing.domain.plan;

import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.shared.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One tier of the catalog: its monthly price, the executions it includes, what comes with it, and, for a paid tier
 * sold through Stripe, the price id that sells it.
 *
 * @param features what the tier offers, worded for people (the product guide's list)
 */
public record Plan(PlanId id, String name, Money monthlyPrice, Quota quota, SupportLevel support,
        boolean customAgents, boolean analyticsDashboard, boolean slaGuarantee, List<String> features,
        Optional<PriceId> priceId) {

    public Plan {
        Objects.requireNonNull(id, "id");
        DomainViolation.require(name != null && !name.isBlank(), "a plan needs a name");
        Objects.requireNonNull(monthlyPrice, "monthlyPrice");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(support, "support");
        features = List.copyOf(features);
        Objects.requireNonNull(priceId, "priceId");
        DomainViolation.require(id.isPaid() != monthlyPrice.isZero(), "only the free plan costs nothing: " + id);
        DomainViolation.require(id.isPaid() || priceId.isEmpty(), "the free plan is not sold through Stripe");
    }

    /** The same plan, sold through the given Stripe price. */
    public Plan soldAs(PriceId price) {
        DomainViolation.require(id.isPaid(), "the free plan is not sold through Stripe");
        return new Plan(id, name, monthlyPrice, quota, support, customAgents, analyticsDashboard, slaGuarantee, features,
                Optional.of(price));
    }

    /** Billing is monthly for every tier. */
    public String interval() {
        return "month";
    }
}
