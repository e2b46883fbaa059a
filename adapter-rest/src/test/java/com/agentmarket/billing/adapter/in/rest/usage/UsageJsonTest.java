package com.agentmarket.billing.adapter.in.rest.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.in.rest.usage.UsageResource.UsageJson;
import com.agentmarket.billing.application.usage.port.in.UsageView;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.Quota;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.usage.UsagePeriod;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageJsonTest {

    private final BillingPeriod august = new BillingPeriod(Instant.parse("2026-08-01T00:00:00Z"),
            Instant.parse("2026-09-01T00:00:00Z"));

    @Test
    void usage_shows_the_plan_code_what_is_used_and_left_and_the_period_in_unix_seconds() {
        UsageJson json = UsageJson.of(new UsageView(PlanId.FREE, new UsagePeriod(august, Quota.of(10), 3)));

        assertThat(json).isEqualTo(new UsageJson("free", 3, 10L, 7L, august.start().getEpochSecond(),
                august.end().getEpochSecond()));
    }

    @Test
    void remaining_never_goes_below_zero_when_overage_is_billed() {
        UsageJson json = UsageJson.of(new UsageView(PlanId.PRO, new UsagePeriod(august, Quota.of(1_000), 1_250)));

        assertThat(json.used()).isEqualTo(1_250);
        assertThat(json.remaining()).isZero();
    }

    @Test
    void unlimited_usage_has_null_limit_and_remaining() {
        UsageJson json = UsageJson.of(new UsageView(PlanId.ENTERPRISE, new UsagePeriod(august, Quota.unlimited(), 5_000)));

        assertThat(json.plan()).isEqualTo("enterprise");
        assertThat(json.limit()).isNull();
        assertThat(json.remaining()).isNull();
    }
}
