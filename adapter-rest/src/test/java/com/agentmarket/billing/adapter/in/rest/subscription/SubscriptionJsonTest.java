package com.agentmarket.billing.adapter.in.rest.subscription;

import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionJsonTest {

    private final PlanCatalog catalog = PlanCatalog.standard(Map.of());

    @Test
    void a_paid_subscription_shows_its_stripe_id_period_in_unix_seconds_and_price_in_major_units() {
        SubscriptionView view = SubscriptionView.of(aSubscription().withId("sub_1PzX").onPlan(PlanId.PRO)
                .over("2026-08-03T10:00:00Z", "2026-09-03T10:00:00Z").build(), catalog.plan(PlanId.PRO));

        SubscriptionJson json = SubscriptionJson.of(view);

        assertThat(json).isEqualTo(new SubscriptionJson("sub_1PzX", "active", 1_785_751_200L, 1_788_429_600L, false,
                "Pro", new java.math.BigDecimal("99.00"), null, null));
        assertThat(json.planAmount()).hasToString("99.00");
    }

    @Test
    void a_scheduled_cancellation_and_stripes_status_spelling_are_shown_as_stripe_has_them() {
        SubscriptionView view = SubscriptionView.of(aSubscription().onPlan(PlanId.BASIC)
                .withStatus(SubscriptionStatus.PAST_DUE).cancellingAtPeriodEnd().build(), catalog.plan(PlanId.BASIC));

        SubscriptionJson json = SubscriptionJson.of(view);

        assertThat(json.status()).isEqualTo("past_due");
        assertThat(json.cancelAtPeriodEnd()).isTrue();
        assertThat(json.planName()).isEqualTo("Basic");
        assertThat(json.planAmount()).hasToString("29.00");
    }

    @Test
    void a_scheduled_downgrade_is_shown_as_the_plan_it_moves_to_and_when() {
        Instant periodEnd = Instant.parse("2026-09-03T10:00:00Z");
        SubscriptionView view = SubscriptionView.of(aSubscription().onPlan(PlanId.PRO)
                .over("2026-08-03T10:00:00Z", "2026-09-03T10:00:00Z").build()
                .withPlanChanges(java.util.Optional.of(new com.agentmarket.billing.domain.subscription.PendingChange(
                        PlanId.BASIC, periodEnd)), java.util.Optional.empty()), catalog.plan(PlanId.PRO));

        SubscriptionJson json = SubscriptionJson.of(view);

        assertThat(json.planName()).isEqualTo("Pro");
        assertThat(json.pendingChange()).isEqualTo(new SubscriptionJson.PendingChangeJson("basic",
                periodEnd.getEpochSecond()));
    }

    @Test
    void on_free_there_is_no_id_the_status_is_active_and_the_period_is_the_calendar_month() {
        BillingPeriod august = BillingPeriod.calendarMonthOf(Instant.parse("2026-08-17T12:00:00Z"));

        SubscriptionJson json = SubscriptionJson.of(SubscriptionView.free(catalog.free(), august));

        assertThat(json.id()).isNull();
        assertThat(json.status()).isEqualTo("active");
        assertThat(json.planName()).isEqualTo("Free");
        assertThat(json.planAmount()).hasToString("0.00");
        assertThat(json.currentPeriodStart()).isEqualTo(Instant.parse("2026-08-01T00:00:00Z").getEpochSecond());
        assertThat(json.currentPeriodEnd()).isEqualTo(Instant.parse("2026-09-01T00:00:00Z").getEpochSecond());
        assertThat(json.cancelAtPeriodEnd()).isFalse();
        assertThat(json.pendingChange()).isNull();
    }
}
