package com.agentmarket.billing.domain.subscription;

import static com.agentmarket.billing.domain.fixtures.CustomerBuilder.aCustomer;
import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EntitlementTest {

    private static final Instant NOW = Instant.parse("2026-08-20T12:00:00Z");
    private static final BillingPeriod PAID_PERIOD =
            new BillingPeriod(Instant.parse("2026-08-03T10:00:00Z"), Instant.parse("2026-09-03T10:00:00Z"));
    private static final BillingPeriod AUGUST =
            new BillingPeriod(Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2026-09-01T00:00:00Z"));

    private final PlanCatalog catalog = PlanCatalog.standard(Map.of());
    private final Customer customer = aCustomer().build();

    private Entitlement entitlementWith(SubscriptionStatus status) {
        Subscription subscription = aSubscription().forCustomer(customer.id()).onPlan(PlanId.PRO).withStatus(status)
                .over(PAID_PERIOD).build();
        return Entitlement.of(customer, Optional.of(subscription), catalog, NOW);
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionStatus.class, names = {"ACTIVE", "TRIALING", "PAST_DUE"})
    void active_trialing_and_past_due_subscriptions_get_the_subscribed_plan_over_their_period(SubscriptionStatus status) {
        Entitlement entitlement = entitlementWith(status);

        assertThat(entitlement.plan().id()).isEqualTo(PlanId.PRO);
        assertThat(entitlement.period()).isEqualTo(PAID_PERIOD);
        assertThat(entitlement.suspended()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = SubscriptionStatus.class,
            names = {"INCOMPLETE", "INCOMPLETE_EXPIRED", "UNPAID", "CANCELED", "PAUSED"})
    void any_other_status_falls_back_to_free_over_the_calendar_month(SubscriptionStatus status) {
        Entitlement entitlement = entitlementWith(status);

        assertThat(entitlement.plan().id()).isEqualTo(PlanId.FREE);
        assertThat(entitlement.period()).isEqualTo(AUGUST);
    }

    @Test
    void a_customer_without_a_subscription_is_on_free() {
        Entitlement entitlement = Entitlement.of(customer, Optional.empty(), catalog, NOW);

        assertThat(entitlement.plan().id()).isEqualTo(PlanId.FREE);
        assertThat(entitlement.period()).isEqualTo(AUGUST);
        assertThat(Entitlement.ofNewcomer(catalog, NOW)).isEqualTo(entitlement);
    }

    @Test
    void a_suspended_account_keeps_its_plan_but_is_marked_suspended() {
        Customer suspended = aCustomer().suspended().build();
        Subscription subscription = aSubscription().forCustomer(suspended.id()).withStatus(SubscriptionStatus.PAST_DUE)
                .over(PAID_PERIOD).build();

        Entitlement entitlement = Entitlement.of(suspended, Optional.of(subscription), catalog, NOW);

        assertThat(entitlement.plan().id()).isEqualTo(PlanId.BASIC);
        assertThat(entitlement.suspended()).isTrue();
    }

    @Test
    void another_customers_subscription_entitles_nobody() {
        Subscription foreign = aSubscription().onPlan(PlanId.ENTERPRISE).over(PAID_PERIOD).build();

        assertThat(Entitlement.of(customer, Optional.of(foreign), catalog, NOW).plan().id()).isEqualTo(PlanId.FREE);
    }

    @Test
    void only_a_subscription_carrying_the_metered_price_is_billed_for_overage() {
        PriceId metered = new PriceId("price_metered");
        PlanCatalog withOverage = PlanCatalog.standard(Map.of(PlanId.BASIC, new PriceId("price_basic")), Optional.of(metered));
        Subscription both = aSubscription().forCustomer(customer.id()).over(PAID_PERIOD)
                .billing(new PriceId("price_basic"), metered).build();
        Subscription tierOnly = aSubscription().forCustomer(customer.id()).over(PAID_PERIOD)
                .billing(new PriceId("price_basic")).build();

        assertThat(Entitlement.of(customer, Optional.of(both), withOverage, NOW).meteredOverage()).isTrue();
        assertThat(Entitlement.of(customer, Optional.of(tierOnly), withOverage, NOW).meteredOverage()).isFalse();
        assertThat(Entitlement.of(customer, Optional.of(both), catalog, NOW).meteredOverage())
                .as("no metered price configured").isFalse();
        assertThat(Entitlement.of(customer, Optional.of(both.mirror(aSubscription().withId(both.id().value())
                .forCustomer(customer.id()).withStatus(SubscriptionStatus.CANCELED).build())), withOverage, NOW)
                .meteredOverage()).as("back on Free").isFalse();
    }

    @Test
    void an_unreported_renewal_still_counts_usage_in_the_new_period() {
        Entitlement entitlement = Entitlement.of(customer, Optional.of(aSubscription().forCustomer(customer.id())
                .over(PAID_PERIOD).build()), catalog, Instant.parse("2026-09-03T10:00:01Z"));

        assertThat(entitlement.period().start()).isEqualTo(Instant.parse("2026-09-03T10:00:00Z"));
    }
}
