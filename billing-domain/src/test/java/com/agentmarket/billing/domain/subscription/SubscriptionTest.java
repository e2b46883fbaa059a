package com.agentmarket.billing.domain.subscription;

import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.shared.DomainViolation;
import java.time.Instant;
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
}
