package com.agentmarket.billing.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.Entitlement;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The figures every store applies as they are: where executions stop, and from where they are billed. */
class QuotaTermsTest {

    private static final BillingPeriod AUGUST = BillingPeriod.calendarMonthOf(Instant.parse("2026-08-10T00:00:00Z"));

    private final PlanCatalog catalog = PlanCatalog.standard(Map.of());

    @Test
    void a_blocked_plan_stops_at_its_quota_and_bills_nothing() {
        QuotaTerms terms = new QuotaPolicy(OveragePolicy.BILL).terms(new Entitlement(catalog.plan(PlanId.BASIC), AUGUST, false,
                false));

        assertThat(terms.ceiling()).isEqualTo(OptionalLong.of(100));
        assertThat(terms.billableAbove()).isEmpty();
        assertThat(terms.refusal()).isEmpty();
        assertThat(terms.period()).isEqualTo(AUGUST);
    }

    @Test
    void a_billed_plan_has_no_ceiling_and_bills_from_its_quota_on() {
        QuotaTerms terms = new QuotaPolicy(OveragePolicy.BILL).terms(new Entitlement(catalog.plan(PlanId.PRO), AUGUST, false,
                true));

        assertThat(terms.ceiling()).isEmpty();
        assertThat(terms.billableAbove()).isEqualTo(OptionalLong.of(1000));
        assertThat(terms.isBillable(1000)).isFalse();
        assertThat(terms.isBillable(1001)).isTrue();
        assertThat(terms.decide(1000)).isInstanceOfSatisfying(ExecutionDecision.Admitted.class,
                admitted -> assertThat(admitted.beyondQuota()).isTrue());
    }

    @Test
    void a_suspended_account_is_refused_whatever_its_usage() {
        QuotaTerms terms = new QuotaPolicy(OveragePolicy.BLOCK).terms(new Entitlement(catalog.plan(PlanId.ENTERPRISE), AUGUST,
                true, false));

        assertThat(terms.refusal()).contains(ExecutionDecision.Reason.ACCOUNT_SUSPENDED);
        assertThat(terms.decide(0)).isInstanceOfSatisfying(ExecutionDecision.Refused.class,
                refused -> assertThat(refused.usage().used()).isZero());
    }
}
