package com.agentmarket.billing.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.Entitlement;
import com.agentmarket.billing.domain.usage.ExecutionDecision.Admitted;
import com.agentmarket.billing.domain.usage.ExecutionDecision.Reason;
import com.agentmarket.billing.domain.usage.ExecutionDecision.Refused;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QuotaPolicyTest {

    private static final BillingPeriod AUGUST = BillingPeriod.calendarMonthOf(Instant.parse("2026-08-10T00:00:00Z"));

    private final PlanCatalog catalog = PlanCatalog.standard(Map.of());
    private final QuotaPolicy blocking = new QuotaPolicy(OveragePolicy.BLOCK);
    private final QuotaPolicy billing = new QuotaPolicy(OveragePolicy.BILL);

    /** A subscription without the metered item (or Free). */
    private Entitlement on(PlanId plan) {
        return new Entitlement(catalog.plan(plan), AUGUST, false, false);
    }

    /** A paid subscription that carries the metered price, so Stripe bills its overage. */
    private Entitlement meteredOn(PlanId plan) {
        return new Entitlement(catalog.plan(plan), AUGUST, false, true);
    }

    @Test
    void free_plan_allows_the_tenth_execution_in_a_month() {
        ExecutionDecision decision = blocking.decide(on(PlanId.FREE), 9);

        assertThat(decision).isInstanceOf(Admitted.class);
        assertThat(decision.usage().used()).isEqualTo(10);
        assertThat(decision.usage().remaining()).hasValue(0);
    }

    @Test
    void free_plan_denies_the_eleventh_execution_in_a_month() {
        ExecutionDecision decision = blocking.decide(on(PlanId.FREE), 10);

        assertThat(decision).isInstanceOf(Refused.class);
        assertThat(((Refused) decision).reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
        assertThat(decision.usage().used()).isEqualTo(10);
        assertThat(decision.usage().limit()).hasValue(10);
    }

    @Test
    void basic_and_pro_stop_at_their_quota_by_default() {
        assertThat(blocking.decide(on(PlanId.BASIC), 100)).isInstanceOf(Refused.class);
        assertThat(blocking.decide(on(PlanId.PRO), 999)).isInstanceOf(Admitted.class);
        assertThat(blocking.decide(on(PlanId.PRO), 1000)).isInstanceOf(Refused.class);
    }

    @Test
    void enterprise_is_unlimited() {
        ExecutionDecision decision = blocking.decide(on(PlanId.ENTERPRISE), 5_000_000);

        assertThat(decision).isInstanceOf(Admitted.class);
        assertThat(decision.usage().limit()).isEmpty();
        assertThat(decision.usage().remaining()).isEmpty();
        assertThat(blocking.ceiling(on(PlanId.ENTERPRISE))).isEmpty();
    }

    @Test
    void a_suspended_account_runs_nothing_even_with_quota_left() {
        Entitlement suspended = new Entitlement(catalog.plan(PlanId.ENTERPRISE), AUGUST, true, false);

        ExecutionDecision decision = blocking.decide(suspended, 0);

        assertThat(decision).isInstanceOf(Refused.class);
        assertThat(((Refused) decision).reason()).isEqualTo(Reason.ACCOUNT_SUSPENDED);
    }

    @Test
    void with_overage_billing_paid_plans_go_on_past_the_quota_and_say_so() {
        ExecutionDecision decision = billing.decide(meteredOn(PlanId.BASIC), 100);

        assertThat(decision).isInstanceOf(Admitted.class);
        assertThat(((Admitted) decision).beyondQuota()).isTrue();
        assertThat(decision.usage().remaining()).hasValue(0);
        assertThat(billing.ceiling(meteredOn(PlanId.BASIC))).isEmpty();
    }

    @Test
    void with_overage_billing_a_subscription_without_the_metered_item_stops_at_its_quota() {
        assertThat(billing.decide(on(PlanId.BASIC), 99)).isInstanceOf(Admitted.class);
        assertThat(billing.decide(on(PlanId.BASIC), 100)).isInstanceOf(Refused.class);
        assertThat(billing.ceiling(on(PlanId.BASIC))).isEqualTo(OptionalLong.of(100));
    }

    @Test
    void blocking_ignores_the_metered_item() {
        assertThat(blocking.decide(meteredOn(PlanId.PRO), 1000)).isInstanceOf(Refused.class);
    }

    @Test
    void overage_billing_never_applies_to_free() {
        assertThat(billing.decide(on(PlanId.FREE), 10)).isInstanceOf(Refused.class);
        assertThat(billing.ceiling(on(PlanId.FREE))).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void overage_billing_without_a_metered_price_still_blocks() {
        QuotaPolicy noMeteredPrice = new QuotaPolicy(OveragePolicy.BILL);

        assertThat(noMeteredPrice.decide(on(PlanId.PRO), 1000)).isInstanceOf(Refused.class);
    }
}
