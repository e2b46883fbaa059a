package com.agentmarket.billing.domain.subscription;

import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
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
 * A suspended account is denied executions whatever its plan.
 */
public record Entitlement(Plan plan, BillingPeriod period, boolean suspended) {

    public Entitlement {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(period, "period");
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
                .filter(current -> current.status().entitlesSubscribedPlan())
                .map(current -> new Entitlement(catalog.plan(current.plan()), current.currentPeriod().renewedUntil(now),
                        suspended))
                .orElseGet(() -> new Entitlement(catalog.free(), BillingPeriod.calendarMonthOf(now), suspended));
    }

    /** A customer we have never stored: active, on Free. */
    public static Entitlement ofNewcomer(PlanCatalog catalog, Instant now) {
        return new Entitlement(catalog.free(), BillingPeriod.calendarMonthOf(now), false);
    }
}
