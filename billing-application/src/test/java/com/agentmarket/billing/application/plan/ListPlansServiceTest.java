package com.agentmarket.billing.application.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.domain.plan.Plan;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListPlansServiceTest {

    @Test
    void the_plans_on_sale_carry_the_configured_stripe_prices() {
        ListPlansService service = new ListPlansService(
                PlanCatalog.standard(Map.of(PlanId.PRO, new PriceId("price_pro"))));

        assertThat(service.plans()).extracting(Plan::id)
                .containsExactly(PlanId.FREE, PlanId.BASIC, PlanId.PRO, PlanId.ENTERPRISE);
        assertThat(service.plans()).extracting(Plan::priceId)
                .containsExactly(Optional.empty(), Optional.empty(), Optional.of(new PriceId("price_pro")), Optional.empty());
    }
}
