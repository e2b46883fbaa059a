package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.shared.DomainViolation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a customer may do right now: the plan whose quota applies, the period usage is counted over, and whether the
 * account is suspended.
 *
 * <table>
 *   <caption>Plan used for the quota, by subscription status</caption>
 *   <tr><th>status</th><th>plan</th></tr>
 *   <tr><td>active, trialing, past_due</td><td>the subscribed plan, over the subscription's period</td></tr>
 *   <tr><td>incomplete, incomplete_expired, unpaid, canceled, paused, none</td><td>Free, over the calendar month</td></tr>
 * </table>
 * A subscription whose known end ({@code cancel_at}, or the period end when cancelling then) has passed entitles to
 * Free, even before Stripe reports it canceled.
 * A suspended account is denied executions whatever its plan.
 *
 * @param meteredOverage the subscription carries an item on the catalog's metered price, so Stripe can bill the
 *        executions beyond the quota (a subscription without one was never set up to pay for overage)
 */
public record Entitlement(Plan plan, BillingPeriod period, boolean suspended, boolean meteredOverage) {

    public Entitlement {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(period, "period");
        DomainViolation.require(!meteredOverage || plan.id().isPaid(), "only a paid plan is billed for overage");
    }

    public static Entitlement of(Customer customer, Optional<Subscription> subscription, PlanCatalog catalog,
            Instant now) {
        return of(customer.id(), customer.isSuspended(), subscription, catalog, now);
    }

    /** The same rule from just the facts it needs (what the execution hot path reads in one query). */
    public static Entitlement of(CustomerId customer, boolean suspended, Optional<Subscription> subscription,
            PlanCatalog catalog, Instant now) {
        return subscription
                .filter(current -> current.customerId().equals(customer))
                .filter(current -> current.entitlesAt(now))
                .map(current -> new Entitlement(catalog.plan(current.plan()), current.periodAt(now),
                        suspended, catalog.overagePrice().filter(current::bills).isPresent()))
                .orElseGet(() -> new Entitlement(catalog.free(), BillingPeriod.calendarMonthOf(now), suspended, false));
    }

    /** A customer we have never stored: active, on Free. */
    public static Entitlement ofNewcomer(PlanCatalog catalog, Instant now) {
        return new Entitlement(catalog.free(), BillingPeriod.calendarMonthOf(now), false, false);
    }
}
