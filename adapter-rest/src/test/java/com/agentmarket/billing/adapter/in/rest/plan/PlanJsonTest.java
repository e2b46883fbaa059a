package com.agentmarket.billing.adapter.in.rest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.in.rest.plan.PlanResource.PlanJson;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

    private final PlanCatalog catalog = PlanCatalog.standard(Map.of(PlanId.PRO, new PriceId("price_pro_monthly")));

    @Test
    void a_tier_on_sale_shows_its_code_price_in_major_units_quota_and_the_price_to_buy_it() {
        PlanJson pro = PlanJson.of(catalog.plan(PlanId.PRO));

        assertThat(pro.id()).isEqualTo("pro");
        assertThat(pro.name()).isEqualTo("Pro");
        assertThat(pro.amount()).hasToString("99.00");
        assertThat(pro.currency()).isEqualTo("usd");
        assertThat(pro.interval()).isEqualTo("month");
        assertThat(pro.executionsPerMonth()).isEqualTo(1_000L);
        assertThat(pro.features()).contains("1,000 executions/month");
        assertThat(pro.priceId()).isEqualTo("price_pro_monthly");
    }

    @Test
    void free_costs_0_00_and_has_no_price_to_buy() {
        PlanJson free = PlanJson.of(catalog.free());

        assertThat(free.id()).isEqualTo("free");
        assertThat(free.amount()).hasToString("0.00");
        assertThat(free.executionsPerMonth()).isEqualTo(10L);
        assertThat(free.priceId()).isNull();
    }

    @Test
    void a_tier_not_on_sale_is_listed_without_a_price_id() {
        assertThat(PlanJson.of(catalog.plan(PlanId.BASIC)).priceId()).isNull();
    }

    @Test
    void unlimited_executions_are_null() {
        PlanJson enterprise = PlanJson.of(catalog.plan(PlanId.ENTERPRISE));

        assertThat(enterprise.executionsPerMonth()).isNull();
        assertThat(enterprise.amount()).hasToString("499.00");
    }
}
