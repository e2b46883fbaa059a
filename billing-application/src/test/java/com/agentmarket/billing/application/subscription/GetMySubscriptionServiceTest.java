package com.agentmarket.billing.application.subscription;

import static com.agentmarket.billing.domain.fixtures.CustomerBuilder.aCustomer;
import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.FixedClock;
import com.agentmarket.billing.application.fakes.InMemoryCustomerRepository;
import com.agentmarket.billing.application.fakes.InMemorySubscriptionRepository;
import com.agentmarket.billing.application.subscription.port.in.SubscriptionView;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetMySubscriptionServiceTest {

    private final InMemoryCustomerRepository customers = new InMemoryCustomerRepository();
    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    private final PlanCatalog catalog = PlanCatalog.standard(Map.of());
    private final GetMySubscriptionService service = new GetMySubscriptionService(customers,
            new CurrentSubscriptions(customers, subscriptions, catalog), catalog, FixedClock.at("2026-08-20T12:00:00Z"));

    private Customer payingCustomer(SubscriptionStatus status) {
        Customer customer = aCustomer().build();
        Subscription subscription = subscriptions.save(aSubscription().forCustomer(customer.id()).onPlan(PlanId.PRO)
                .withStatus(status).build());
        return customers.save(customer.linkStripeCustomer(new com.agentmarket.billing.domain.customer.StripeCustomerId("cus_1"))
                .followSubscription(subscription.id()));
    }

    @Test
    void a_customer_we_never_saw_is_active_on_free_for_the_calendar_month() {
        SubscriptionView view = service.mySubscription(new CustomerId("newcomer"));

        assertThat(view.id()).isEmpty();
        assertThat(view.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(view.plan().id()).isEqualTo(PlanId.FREE);
        assertThat(view.currentPeriod()).isEqualTo(new BillingPeriod(
                Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2026-09-01T00:00:00Z")));
        assertThat(view.cancelAtPeriodEnd()).isFalse();
    }

    @Test
    void a_paying_customer_sees_the_stripe_subscription() {
        Customer customer = payingCustomer(SubscriptionStatus.PAST_DUE);

        SubscriptionView view = service.mySubscription(customer.id());

        assertThat(view.id()).isEqualTo(customer.stripeSubscriptionId());
        assertThat(view.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(view.plan().id()).isEqualTo(PlanId.PRO);
    }

    @Test
    void after_the_subscription_ended_the_customer_is_back_on_free() {
        Customer customer = payingCustomer(SubscriptionStatus.CANCELED);

        SubscriptionView view = service.mySubscription(customer.id());

        assertThat(view.id()).isEmpty();
        assertThat(view.plan().id()).isEqualTo(PlanId.FREE);
    }

    @Test
    void a_customer_never_sees_a_subscription_that_is_not_theirs() {
        Subscription foreign = subscriptions.save(aSubscription().forCustomer(new CustomerId("someone_else"))
                .onPlan(PlanId.ENTERPRISE).build());
        Customer customer = customers.save(aCustomer().build().followSubscription(foreign.id()));

        assertThat(service.mySubscription(customer.id()).plan().id()).isEqualTo(PlanId.FREE);
    }

    @Test
    void a_pending_change_is_shown_until_its_date_and_not_after_even_before_stripes_webhook() {
        Customer customer = aCustomer().build();
        java.time.Instant tomorrow = java.time.Instant.parse("2026-08-21T12:00:00Z");
        java.time.Instant yesterday = java.time.Instant.parse("2026-08-19T12:00:00Z");
        Subscription subscription = subscriptions.save(aSubscription().forCustomer(customer.id()).onPlan(PlanId.PRO).build()
                .withPlanChanges(java.util.Optional.of(new com.agentmarket.billing.domain.subscription.PendingChange(
                        PlanId.BASIC, tomorrow)), java.util.Optional.empty()));
        customers.save(customer.linkStripeCustomer(new com.agentmarket.billing.domain.customer.StripeCustomerId("cus_1"))
                .followSubscription(subscription.id()));

        assertThat(service.mySubscription(customer.id()).pendingChange()).hasValueSatisfying(change ->
                assertThat(change.effectiveAt()).isEqualTo(tomorrow));

        Subscription passed = subscriptions.find(subscription.id()).orElseThrow().withPlanChanges(java.util.Optional.of(
                new com.agentmarket.billing.domain.subscription.PendingChange(PlanId.BASIC, yesterday)),
                java.util.Optional.empty());
        subscriptions.save(passed);
        assertThat(service.mySubscription(customer.id()).pendingChange()).isEmpty();
    }
}
