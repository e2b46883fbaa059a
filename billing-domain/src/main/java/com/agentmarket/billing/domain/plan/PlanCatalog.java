package com.agentmarket.billing.domain.plan;

import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.shared.Money;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tiers the marketplace sells: Free (10 executions a month), Basic $29 (100), Pro $99 (1,000) and Enterprise $499
 * (unlimited). The Stripe price ids that sell the paid tiers come from configuration, and so do the legacy prices a
 * tier was sold through before (raising a price means a new Stripe price): subscriptions on them keep their tier,
 * but new checkouts only get the price on sale.
 */
public final class PlanCatalog {

    private final Map<PlanId, Plan> plans;
    private final Optional<PriceId> overagePrice;
    private final Map<PriceId, PlanId> legacyPrices;

    private PlanCatalog(Map<PlanId, Plan> plans, Optional<PriceId> overagePrice, Map<PriceId, PlanId> legacyPrices) {
        this.plans = plans;
        this.overagePrice = overagePrice;
        this.legacyPrices = Map.copyOf(legacyPrices);
    }

    /**
     * The standard catalog, with the given Stripe price for each paid tier that is on sale. A tier without a price
     * is listed but cannot be bought.
     */
    public static PlanCatalog standard(Map<PlanId, PriceId> prices) {
        return standard(prices, Optional.empty());
    }

    /**
     * The standard catalog, with a metered price that bills executions beyond a paid plan's quota (added to each
     * paid subscription as a second item).
     */
    public static PlanCatalog standard(Map<PlanId, PriceId> prices, Optional<PriceId> overagePrice) {
        DomainViolation.require(overagePrice.isEmpty() || !prices.containsValue(overagePrice.get()),
                "the overage price must not also sell a tier: " + overagePrice.orElse(null));
        DomainViolation.require(!prices.containsKey(PlanId.FREE), "the free plan is not sold through Stripe");
        DomainViolation.require(prices.values().stream().distinct().count() == prices.size(),
                "each paid tier needs its own Stripe price: " + prices);
        Map<PlanId, Plan> plans = new EnumMap<>(PlanId.class);
        for (Plan plan : standardPlans()) {
            PriceId price = prices.get(plan.id());
            plans.put(plan.id(), price == null ? plan : plan.soldAs(price));
        }
        return new PlanCatalog(plans, overagePrice, Map.of());
    }

    /**
     * This catalog, also recognising earlier prices of the paid tiers. A legacy price is never sold again and must not
     * be any other price of the catalog.
     */
    public PlanCatalog withLegacyPrices(Map<PlanId, List<PriceId>> legacy) {
        Map<PriceId, PlanId> byPrice = new java.util.HashMap<>();
        legacy.forEach((plan, prices) -> prices.forEach(price -> {
            DomainViolation.require(plan.isPaid(), "the free plan is not sold through Stripe");
            DomainViolation.require(byPrice.put(price, plan) == null && soldBy(price).isEmpty()
                    && !overagePrice.equals(Optional.of(price)), "price " + price + " is configured twice");
        }));
        return new PlanCatalog(plans, overagePrice, byPrice);
    }

    private static List<Plan> standardPlans() {
        return List.of(
                new Plan(PlanId.FREE, "Free", Money.usd(0), Quota.of(10), SupportLevel.BASIC, false, false, false,
                        List.of("10 agent executions/month", "Basic support", "Community access"), Optional.empty()),
                new Plan(PlanId.BASIC, "Basic", Money.usd(29_00), Quota.of(100), SupportLevel.EMAIL, false, false, false,
                        List.of("100 executions/month", "Email support", "All agent packages"), Optional.empty()),
                new Plan(PlanId.PRO, "Pro", Money.usd(99_00), Quota.of(1_000), SupportLevel.PRIORITY, true, true, false,
                        List.of("1,000 executions/month", "Priority support", "Custom agents", "Analytics dashboard"),
                        Optional.empty()),
                new Plan(PlanId.ENTERPRISE, "Enterprise", Money.usd(499_00), Quota.unlimited(), SupportLevel.DEDICATED,
                        true, true, true,
                        List.of("Unlimited executions", "Dedicated support", "Custom integrations", "SLA guarantee"),
                        Optional.empty()));
    }

    /** Every tier, cheapest first. */
    public List<Plan> all() {
        return Arrays.stream(PlanId.values()).map(plans::get).toList();
    }

    public Plan plan(PlanId id) {
        return plans.get(id);
    }

    public Plan free() {
        return plans.get(PlanId.FREE);
    }

    /** The metered price that bills overage, when overage billing is set up. */
    public Optional<PriceId> overagePrice() {
        return overagePrice;
    }

    /** The paid tier that the given Stripe price sells now, if it is one of ours: what checkout may sell. */
    public Optional<Plan> soldBy(PriceId price) {
        return plans.values().stream().filter(plan -> plan.priceId().equals(Optional.of(price))).findFirst();
    }

    /** The paid tier a subscription on this price has: the one selling it now, or the one it is a legacy price of. */
    public Optional<Plan> tierBilledBy(PriceId price) {
        return soldBy(price).or(() -> Optional.ofNullable(legacyPrices.get(price)).map(plans::get));
    }

    /** The earlier prices still recognised, by tier. */
    public Map<PriceId, PlanId> legacyPrices() {
        return legacyPrices;
    }
}
