package com.agentmarket.billing.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanChangeTest {

    private final PlanCatalog catalog = PlanCatalog.standard(Map.of());

    private PlanChange from(PlanId current, PlanId target) {
        return PlanChange.between(catalog.plan(current), catalog.plan(target));
    }

    @Test
    void a_more_expensive_tier_is_an_upgrade_and_a_cheaper_one_a_downgrade() {
        assertThat(from(PlanId.BASIC, PlanId.PRO)).isEqualTo(PlanChange.UPGRADE);
        assertThat(from(PlanId.PRO, PlanId.ENTERPRISE)).isEqualTo(PlanChange.UPGRADE);
        assertThat(from(PlanId.BASIC, PlanId.ENTERPRISE)).isEqualTo(PlanChange.UPGRADE);
        assertThat(from(PlanId.ENTERPRISE, PlanId.BASIC)).isEqualTo(PlanChange.DOWNGRADE);
        assertThat(from(PlanId.PRO, PlanId.BASIC)).isEqualTo(PlanChange.DOWNGRADE);
    }

    @Test
    void the_same_tier_is_no_change() {
        assertThat(from(PlanId.PRO, PlanId.PRO)).isEqualTo(PlanChange.NONE);
    }
}
