package com.agentmarket.billing.application.subscription;

import static com.agentmarket.billing.application.fakes.TestBilling.BASIC_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.PERIOD;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What Stripe reports about a subscription, applied: tiers by price (legacy ones too), unknown prices, stale reports. */
class SubscriptionSyncTest {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final StripeCustomerId CUS = new StripeCustomerId("cus_jane");
    private static final StripeSubscriptionId SUB = new StripeSubscriptionId("sub_jane");
    private static final PriceId LEGACY_PRO = new PriceId("price_pro_2025");
    private static final PriceId UNKNOWN = new PriceId("price_nobody_knows");

    private final TestBilling billing = new TestBilling(PlanCatalog.standard(Map.of(PlanId.BASIC, BASIC_PRICE,
            PlanId.PRO, PRO_PRICE)).withLegacyPrices(Map.of(PlanId.PRO, List.of(LEGACY_PRO))));

    private SubscriptionSnapshot stripeHas(PriceId price, SubscriptionStatus status) {
        SubscriptionSnapshot snapshot = TestBilling.stripeSubscription(SUB.value(), CUS, JANE, price, status);
        billing.stripe.hasSubscription(snapshot);
        return snapshot;
    }

    private PlanId entitledPlan() {
        return billing.current.entitlementOf(JANE, billing.clock.now()).plan().id();
    }

    @Test
    void a_subscription_on_a_legacy_price_keeps_its_tier() {
        stripeHas(LEGACY_PRO, SubscriptionStatus.ACTIVE);

        billing.sync.syncFromStripe(SUB, Optional.empty());

        assertThat(billing.subscriptions.find(SUB).orElseThrow().plan()).isEqualTo(PlanId.PRO);
        assertThat(entitledPlan()).isEqualTo(PlanId.PRO);
        assertThat(billing.operatorFlags.all()).isEmpty();
    }

    @Test
    void a_price_that_matches_no_tier_keeps_the_last_known_tier_is_flagged_and_its_end_still_ends_the_plan() {
        stripeHas(PRO_PRICE, SubscriptionStatus.ACTIVE);
        billing.sync.syncFromStripe(SUB, Optional.empty());
        stripeHas(UNKNOWN, SubscriptionStatus.PAST_DUE);

        SubscriptionMirror.Mirrored updated = billing.sync.syncFromStripe(SUB, Optional.empty());

        assertThat(updated.stored()).hasValueSatisfying(stored -> {
            assertThat(stored.plan()).isEqualTo(PlanId.PRO);
            assertThat(stored.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        });
        assertThat(billing.operatorFlags.all()).singleElement().satisfies(flag -> {
            assertThat(flag.kind()).isEqualTo(OperatorFlag.Kind.UNKNOWN_SUBSCRIPTION_PRICE);
            assertThat(flag.detail()).contains(UNKNOWN.value());
        });

        stripeHas(UNKNOWN, SubscriptionStatus.CANCELED);
        billing.sync.syncFromStripe(SUB, Optional.empty());

        assertThat(entitledPlan()).isEqualTo(PlanId.FREE);
    }

    @Test
    void a_subscription_we_never_knew_on_an_unknown_price_is_flagged_and_not_stored_instead_of_failing() {
        stripeHas(UNKNOWN, SubscriptionStatus.ACTIVE);

        SubscriptionMirror.Mirrored result = billing.sync.syncFromStripe(SUB, Optional.empty());

        assertThat(result.stored()).isEmpty();
        assertThat(result.notStored()).hasValueSatisfying(why -> assertThat(why).contains(UNKNOWN.value()));
        assertThat(billing.subscriptions.find(SUB)).isEmpty();
        assertThat(billing.operatorFlags.countOpen()).isEqualTo(1);
    }

    @Test
    void the_older_of_two_reports_loses_whichever_is_applied_last() {
        SubscriptionSnapshot active = stripeHas(PRO_PRICE, SubscriptionStatus.ACTIVE);
        SubscriptionSnapshot pastDue = TestBilling.stripeSubscription(SUB.value(), CUS, JANE, PRO_PRICE,
                SubscriptionStatus.PAST_DUE);
        Instant askedFirst = billing.clock.now();
        Instant askedLater = askedFirst.plus(Duration.ofMillis(5));

        billing.tx.call(() -> billing.mirror.apply(pastDue, askedLater, Optional.empty()));
        billing.tx.call(() -> billing.mirror.apply(active, askedFirst, Optional.empty()));

        assertThat(billing.subscriptions.find(SUB).orElseThrow().status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(billing.subscriptions.find(SUB).orElseThrow().observedAt()).isEqualTo(askedLater);
    }

    @Test
    void a_canceled_subscription_never_comes_back_from_a_late_report() {
        stripeHas(PRO_PRICE, SubscriptionStatus.CANCELED);
        billing.sync.syncFromStripe(SUB, Optional.empty());
        billing.clock.advance(Duration.ofSeconds(1));
        stripeHas(PRO_PRICE, SubscriptionStatus.ACTIVE);

        billing.sync.syncFromStripe(SUB, Optional.empty());

        assertThat(billing.subscriptions.find(SUB).orElseThrow().status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(entitledPlan()).isEqualTo(PlanId.FREE);
        assertThat(PERIOD.contains(billing.clock.now())).isTrue();
    }
}
