package com.agentmarket.billing.domain.subscription;

import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.shared.DomainViolation;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PriceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    @Test
    void stripe_statuses_are_read_in_stripes_spelling() {
        assertThat(SubscriptionStatus.fromStripe("past_due")).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(SubscriptionStatus.fromStripe("incomplete_expired")).isEqualTo(SubscriptionStatus.INCOMPLETE_EXPIRED);
        assertThat(SubscriptionStatus.ACTIVE.stripeName()).isEqualTo("active");
        assertThatThrownBy(() -> SubscriptionStatus.fromStripe("Active")).isInstanceOf(DomainViolation.class);
    }

    @Test
    void a_subscription_that_still_exists_blocks_buying_another_but_an_unpaid_attempt_does_not() {
        assertThat(java.util.Arrays.stream(SubscriptionStatus.values()).filter(SubscriptionStatus::blocksNewPurchase))
                .containsExactlyInAnyOrder(SubscriptionStatus.TRIALING, SubscriptionStatus.ACTIVE,
                        SubscriptionStatus.PAST_DUE, SubscriptionStatus.UNPAID, SubscriptionStatus.PAUSED);
    }

    @Test
    void a_subscription_is_always_for_a_paid_plan() {
        assertThatThrownBy(() -> aSubscription().onPlan(PlanId.FREE).build()).isInstanceOf(DomainViolation.class);
    }

    @Test
    void cancelling_at_period_end_ends_the_subscription_when_the_period_ends() {
        Subscription cancelling = aSubscription().over("2026-10-03T10:00:00Z", "2026-11-03T10:00:00Z")
                .cancellingAtPeriodEnd().build();

        assertThat(cancelling.scheduledEnd()).contains(Instant.parse("2026-11-03T10:00:00Z"));
        assertThat(aSubscription().build().scheduledEnd()).isEmpty();
    }

    @Test
    void mirroring_stripe_replaces_the_state_and_keeps_the_version() {
        Subscription stored = aSubscription().withId("sub_1").atVersion(3).build();
        Subscription reported = aSubscription().withId("sub_1").onPlan(PlanId.PRO)
                .withStatus(SubscriptionStatus.PAST_DUE).build();

        Subscription mirrored = stored.mirror(reported);

        assertThat(mirrored.plan()).isEqualTo(PlanId.PRO);
        assertThat(mirrored.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(mirrored.version()).isEqualTo(3);
    }

    @Test
    void a_subscription_never_moves_to_another_customer() {
        Subscription stored = aSubscription().withId("sub_1").build();
        Subscription reported = aSubscription().withId("sub_1").forCustomer(new CustomerId("someone_else")).build();

        assertThatThrownBy(() -> stored.mirror(reported)).isInstanceOf(DomainViolation.class);
    }

    @Test
    void a_report_asked_for_before_the_one_we_hold_never_overwrites_it() {
        Subscription stored = aSubscription().withId("sub_1").withStatus(SubscriptionStatus.PAST_DUE)
                .observedAt("2026-09-03T11:00:05Z").atVersion(2).build();
        Subscription older = aSubscription().withId("sub_1").withStatus(SubscriptionStatus.ACTIVE)
                .observedAt("2026-09-03T11:00:04Z").build();
        Subscription sameTime = aSubscription().withId("sub_1").withStatus(SubscriptionStatus.UNPAID)
                .observedAt("2026-09-03T11:00:05Z").build();

        assertThat(stored.mirror(older)).isSameAs(stored);
        assertThat(stored.mirror(sameTime).status()).as("at least as new").isEqualTo(SubscriptionStatus.UNPAID);
    }

    @Test
    void an_end_is_final_even_when_the_report_of_it_was_asked_for_first() {
        Subscription active = aSubscription().withId("sub_1").withStatus(SubscriptionStatus.ACTIVE)
                .observedAt("2026-09-03T11:00:05Z").build();
        Subscription canceledEarlierAsk = aSubscription().withId("sub_1").withStatus(SubscriptionStatus.CANCELED)
                .observedAt("2026-09-03T11:00:04Z").build();

        Subscription mirrored = active.mirror(canceledEarlierAsk);

        assertThat(mirrored.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(mirrored.observedAt()).as("what we hold is never older than before")
                .isEqualTo(Instant.parse("2026-09-03T11:00:05Z"));
    }

    @Test
    void an_ended_subscription_never_comes_back_to_life() {
        Subscription canceled = aSubscription().withId("sub_1").withStatus(SubscriptionStatus.CANCELED)
                .observedAt("2026-09-03T11:00:00Z").build();
        Subscription expired = aSubscription().withId("sub_1").withStatus(SubscriptionStatus.INCOMPLETE_EXPIRED)
                .observedAt("2026-09-03T11:00:00Z").build();
        Subscription liveAgain = aSubscription().withId("sub_1").withStatus(SubscriptionStatus.ACTIVE)
                .observedAt("2026-09-03T12:00:00Z").build();

        assertThat(canceled.mirror(liveAgain).status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(expired.mirror(liveAgain).status()).isEqualTo(SubscriptionStatus.INCOMPLETE_EXPIRED);
        assertThat(liveAgain.mirror(aSubscription().withId("sub_1").withStatus(SubscriptionStatus.CANCELED)
                .observedAt("2026-09-03T13:00:00Z").build()).status()).isEqualTo(SubscriptionStatus.CANCELED);
    }

    @Test
    void a_known_end_ends_the_subscription_even_before_stripe_says_so() {
        Subscription dated = aSubscription().over("2026-10-03T10:00:00Z", "2026-11-03T10:00:00Z")
                .cancellingAt("2026-10-20T00:00:00Z").build();

        assertThat(dated.entitlesAt(Instant.parse("2026-10-19T23:59:59Z"))).isTrue();
        assertThat(dated.entitlesAt(Instant.parse("2026-10-20T00:00:00Z"))).isFalse();
        assertThat(dated.isLiveAt(Instant.parse("2026-10-20T00:00:00Z"))).isFalse();
        assertThat(dated.periodAt(Instant.parse("2026-10-10T00:00:00Z")))
                .as("the last period ends at the known end")
                .isEqualTo(new BillingPeriod(Instant.parse("2026-10-03T10:00:00Z"), Instant.parse("2026-10-20T00:00:00Z")));
    }

    @Test
    void a_period_is_never_rolled_past_the_end_of_a_subscription_cancelling_at_period_end() {
        Subscription cancelling = aSubscription().over("2026-10-03T10:00:00Z", "2026-11-03T10:00:00Z")
                .cancellingAtPeriodEnd().build();
        Subscription renewing = aSubscription().over("2026-10-03T10:00:00Z", "2026-11-03T10:00:00Z").build();

        assertThat(cancelling.entitlesAt(Instant.parse("2026-11-03T10:00:01Z"))).isFalse();
        assertThat(renewing.entitlesAt(Instant.parse("2026-11-03T10:00:01Z"))).isTrue();
        assertThat(renewing.periodAt(Instant.parse("2026-11-03T10:00:01Z")).start())
                .isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
    }

    @Test
    void a_pending_downgrade_is_mirrored_and_dropped_once_stripe_reports_none() {
        Instant periodEnd = Instant.parse("2026-11-03T10:00:00Z");
        Subscription stored = aSubscription().withId("sub_1").onPlan(PlanId.PRO).build();
        Subscription scheduled = aSubscription().withId("sub_1").onPlan(PlanId.PRO).build()
                .withPlanChanges(Optional.of(new PendingChange(PlanId.BASIC, periodEnd)), Optional.empty());

        Subscription mirrored = stored.mirror(scheduled);
        assertThat(mirrored.pendingChange()).contains(new PendingChange(PlanId.BASIC, periodEnd));
        assertThat(mirrored.plan()).isEqualTo(PlanId.PRO);

        Subscription renewed = mirrored.mirror(aSubscription().withId("sub_1").onPlan(PlanId.BASIC).build());
        assertThat(renewed.pendingChange()).isEmpty();
        assertThat(renewed.plan()).isEqualTo(PlanId.BASIC);
    }

    @Test
    void a_scheduled_phase_on_the_same_tier_is_no_pending_change() {
        Subscription sameTier = aSubscription().onPlan(PlanId.PRO).build().withPlanChanges(
                Optional.of(new PendingChange(PlanId.PRO, Instant.parse("2026-11-03T10:00:00Z"))), Optional.empty());

        assertThat(sameTier.pendingChange()).isEmpty();
    }

    @Test
    void the_tier_item_is_the_one_billing_a_tiers_price_not_the_metered_one() {
        PriceId basic = new PriceId("price_basic");
        PriceId metered = new PriceId("price_metered");
        PlanCatalog catalog = PlanCatalog.standard(Map.of(PlanId.BASIC, basic), Optional.of(metered));
        Subscription subscription = aSubscription().billing(metered, basic).build();

        assertThat(subscription.tierItem(catalog)).hasValueSatisfying(item -> assertThat(item.price()).contains(basic));
        assertThat(aSubscription().billing(metered).build().tierItem(catalog)).isEmpty();
    }
}
