package com.agentmarket.billing.adapter.out.persistence.subscription;

import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaSubscriptionRepositoryIT {

    private static final CustomerId CUSTOMER = new CustomerId("user_42");

    private static TestDatabase db;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void oneCustomer() {
        db.truncateAll();
        db.execute("insert into customer (id, account_status, version, created_at, updated_at) "
                + "values ('user_42', 'ACTIVE', 1, current_timestamp, current_timestamp)");
    }

    private Subscription save(Subscription subscription) {
        return db.inTransaction(em -> new JpaSubscriptionRepository(em).save(subscription));
    }

    private Optional<Subscription> find(StripeSubscriptionId id) {
        return db.inTransaction(em -> new JpaSubscriptionRepository(em).find(id));
    }

    @Test
    void a_subscription_is_stored_whole_and_found_again() {
        Subscription subscription = aSubscription().withId("sub_1").forCustomer(CUSTOMER).onPlan(PlanId.PRO)
                .withStatus(SubscriptionStatus.PAST_DUE).over("2026-10-03T10:00:00Z", "2026-11-03T10:00:00Z")
                .cancellingAtPeriodEnd().build();

        Subscription saved = save(subscription);

        Subscription found = find(new StripeSubscriptionId("sub_1")).orElseThrow();
        assertThat(found).isEqualTo(saved);
        assertThat(found.plan()).isEqualTo(PlanId.PRO);
        assertThat(found.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(found.currentPeriod().start()).isEqualTo(Instant.parse("2026-10-03T10:00:00Z"));
        assertThat(found.cancelAtPeriodEnd()).isTrue();
        assertThat(found.cancelAt()).contains(Instant.parse("2026-11-03T10:00:00Z"));
        assertThat(found.version()).isEqualTo(1);
    }

    @Test
    void the_end_of_a_trial_is_stored_and_found_again() {
        java.time.Instant trialEnd = java.time.Instant.parse("2026-08-24T10:00:00Z");
        Subscription saved = save(aSubscription().withId("sub_trial").forCustomer(CUSTOMER).onPlan(PlanId.PRO).build()
                .withTrialEnd(Optional.of(trialEnd)));

        assertThat(find(saved.id()).orElseThrow().trialEnd()).contains(trialEnd);
        assertThat(find(saved.id()).orElseThrow()).isEqualTo(saved);
    }

    @Test
    void a_pending_downgrade_and_an_upgrade_awaiting_payment_are_stored_and_found_again() {
        Instant effective = Instant.parse("2026-09-03T10:00:00Z");
        Instant expires = Instant.parse("2026-08-21T12:00:00Z");
        Subscription saved = save(aSubscription().withId("sub_change").forCustomer(CUSTOMER).onPlan(PlanId.PRO).build()
                .withPlanChanges(Optional.of(new com.agentmarket.billing.domain.subscription.PendingChange(PlanId.BASIC,
                        effective)), Optional.of(expires)));

        Subscription found = find(saved.id()).orElseThrow();
        assertThat(found.pendingChange()).contains(new com.agentmarket.billing.domain.subscription.PendingChange(
                PlanId.BASIC, effective));
        assertThat(found.upgradeAwaitingPayment()).contains(expires);
        assertThat(found).isEqualTo(saved);

        Subscription cleared = save(found.withPlanChanges(Optional.empty(), Optional.empty()));
        assertThat(find(saved.id()).orElseThrow().pendingChange()).isEmpty();
        assertThat(find(saved.id()).orElseThrow()).isEqualTo(cleared);
    }

    @Test
    void items_are_stored_with_their_prices_and_found_by_id() {
        Subscription saved = save(aSubscription().withId("sub_1").forCustomer(CUSTOMER)
                .billing(new PriceId("price_basic"), new PriceId("price_metered")).build());
        SubscriptionItemId metered = saved.items().stream().filter(item -> item.price().equals(Optional.of(new PriceId("price_metered"))))
                .findFirst().orElseThrow().id();

        assertThat(find(saved.id()).orElseThrow().items()).isEqualTo(saved.items());
        assertThat(find(saved.id()).orElseThrow().bills(new PriceId("price_metered"))).isTrue();
        Optional<Subscription> byItem = db.inTransaction(em -> new JpaSubscriptionRepository(em).findByItem(metered));
        assertThat(byItem.map(Subscription::id)).contains(saved.id());
    }

    @Test
    void mirroring_a_newer_state_replaces_the_stored_one() {
        Subscription saved = save(aSubscription().withId("sub_1").forCustomer(CUSTOMER).build());

        save(saved.mirror(aSubscription().withId("sub_1").forCustomer(CUSTOMER).withStatus(SubscriptionStatus.CANCELED).build()));

        Subscription found = find(saved.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(found.cancelAt()).isEmpty();
        assertThat(found.version()).isEqualTo(2);
    }

    @Test
    void a_change_from_a_stale_copy_is_refused() {
        Subscription original = save(aSubscription().withId("sub_1").forCustomer(CUSTOMER).build());
        save(original.mirror(aSubscription().withId("sub_1").forCustomer(CUSTOMER).withStatus(SubscriptionStatus.PAST_DUE).build()));

        assertThatThrownBy(() -> save(original.mirror(
                aSubscription().withId("sub_1").forCustomer(CUSTOMER).withStatus(SubscriptionStatus.UNPAID).build())))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(find(original.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.PAST_DUE);
    }

    @Test
    void the_schema_refuses_a_subscription_for_an_unknown_customer() {
        assertThatThrownBy(() -> save(aSubscription().withId("sub_1").forCustomer(new CustomerId("nobody")).build()))
                .isInstanceOf(RuntimeException.class);
        assertThat(db.count("select count(*) from subscription")).isZero();
    }
}
