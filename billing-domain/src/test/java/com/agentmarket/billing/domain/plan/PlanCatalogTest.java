package com.agentmarket.billing.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.shared.Money;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PlanCatalogTest {

    private static final PriceId BASIC_PRICE = new PriceId("price_basic");
    private static final PriceId PRO_PRICE = new PriceId("price_pro");

    private final PlanCatalog catalog = PlanCatalog.standard(Map.of(PlanId.BASIC, BASIC_PRICE, PlanId.PRO, PRO_PRICE));

    @Test
    void the_catalog_sells_four_tiers_at_the_guides_prices_and_quotas() {
        assertThat(catalog.all()).extracting(Plan::id)
                .containsExactly(PlanId.FREE, PlanId.BASIC, PlanId.PRO, PlanId.ENTERPRISE);
        assertThat(catalog.all()).extracting(Plan::monthlyPrice)
                .containsExactly(Money.usd(0), Money.usd(2900), Money.usd(9900), Money.usd(49900));
        assertThat(catalog.all()).extracting(plan -> plan.quota().limit())
                .containsExactly(OptionalLong.of(10), OptionalLong.of(100), OptionalLong.of(1000), OptionalLong.empty());
    }

    @Test
    void features_grow_with_the_tier() {
        assertThat(catalog.plan(PlanId.FREE).support()).isEqualTo(SupportLevel.BASIC);
        assertThat(catalog.plan(PlanId.BASIC).support()).isEqualTo(SupportLevel.EMAIL);
        assertThat(catalog.plan(PlanId.PRO).customAgents()).isTrue();
        assertThat(catalog.plan(PlanId.PRO).analyticsDashboard()).isTrue();
        assertThat(catalog.plan(PlanId.PRO).slaGuarantee()).isFalse();
        assertThat(catalog.plan(PlanId.ENTERPRISE).slaGuarantee()).isTrue();
        assertThat(catalog.plan(PlanId.ENTERPRISE).support()).isEqualTo(SupportLevel.DEDICATED);
        assertThat(catalog.plan(PlanId.BASIC).customAgents()).isFalse();
    }

    @Test
    void only_configured_prices_sell_a_tier() {
        assertThat(catalog.soldBy(PRO_PRICE)).map(Plan::id).contains(PlanId.PRO);
        assertThat(catalog.soldBy(new PriceId("price_someone_elses"))).isEmpty();
        assertThat(catalog.plan(PlanId.ENTERPRISE).priceId()).isEmpty();
        assertThat(catalog.free().priceId()).isEmpty();
    }

    @Test
    void the_free_plan_is_never_sold_through_stripe() {
        assertThatThrownBy(() -> PlanCatalog.standard(Map.of(PlanId.FREE, new PriceId("price_free"))))
                .isInstanceOf(DomainViolation.class);
    }

    @Test
    void the_overage_price_is_not_a_tier_price() {
        assertThat(PlanCatalog.standard(Map.of(PlanId.PRO, PRO_PRICE), Optional.of(new PriceId("price_metered")))
                .overagePrice()).contains(new PriceId("price_metered"));
        assertThat(catalog.overagePrice()).isEmpty();
        assertThatThrownBy(() -> PlanCatalog.standard(Map.of(PlanId.PRO, PRO_PRICE), Optional.of(PRO_PRICE)))
                .isInstanceOf(DomainViolation.class);
    }

    @Test
    void two_tiers_cannot_share_a_price() {
        assertThatThrownBy(() -> PlanCatalog.standard(Map.of(PlanId.BASIC, BASIC_PRICE, PlanId.PRO, BASIC_PRICE)))
                .isInstanceOf(DomainViolation.class);
    }

    @Test
    void a_price_id_is_a_stripe_price_id() {
        assertThatThrownBy(() -> new PriceId("prod_123")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new PriceId("price_1 OR 1=1")).isInstanceOf(DomainViolation.class);
        assertThat(new Plan(PlanId.BASIC, "Basic", Money.usd(2900), Quota.of(100), SupportLevel.EMAIL, false, false,
                false, java.util.List.of(), Optional.empty()).soldAs(BASIC_PRICE).priceId()).contains(BASIC_PRICE);
    }

    @Test
    void a_legacy_price_keeps_its_tier_for_subscriptions_but_is_never_sold() {
        PriceId oldPro = new PriceId("price_pro_2025");
        PlanCatalog migrated = catalog.withLegacyPrices(Map.of(PlanId.PRO, java.util.List.of(oldPro)));

        assertThat(migrated.tierBilledBy(oldPro)).map(Plan::id).contains(PlanId.PRO);
        assertThat(migrated.tierBilledBy(PRO_PRICE)).map(Plan::id).contains(PlanId.PRO);
        assertThat(migrated.soldBy(oldPro)).isEmpty();
        assertThat(migrated.plan(PlanId.PRO).priceId()).contains(PRO_PRICE);
        assertThat(migrated.tierBilledBy(new PriceId("price_someone_elses"))).isEmpty();
    }

    @Test
    void a_legacy_price_cannot_also_be_another_price_of_the_catalog() {
        assertThatThrownBy(() -> catalog.withLegacyPrices(Map.of(PlanId.PRO, java.util.List.of(BASIC_PRICE))))
                .isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> catalog.withLegacyPrices(Map.of(PlanId.PRO, java.util.List.of(new PriceId("price_x")),
                PlanId.BASIC, java.util.List.of(new PriceId("price_x"))))).isInstanceOf(DomainViolation.class);
    }
}
