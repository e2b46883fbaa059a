package com.agentmarket.billing.application.usage;

import static com.agentmarket.billing.domain.fixtures.CustomerBuilder.aCustomer;
import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.FixedClock;
import com.agentmarket.billing.application.fakes.InMemoryCustomerRepository;
import com.agentmarket.billing.application.fakes.InMemorySubscriptionRepository;
import com.agentmarket.billing.application.fakes.InMemoryUsageLedger;
import com.agentmarket.billing.application.subscription.CurrentSubscriptions;
import com.agentmarket.billing.application.usage.port.in.UsageView;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GetMyUsageServiceTest {

    private static final BillingPeriod PAID_PERIOD =
            new BillingPeriod(Instant.parse("2026-08-03T10:00:00Z"), Instant.parse("2026-09-03T10:00:00Z"));
    private static final BillingPeriod AUGUST =
            new BillingPeriod(Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2026-09-01T00:00:00Z"));

    private final InMemoryCustomerRepository customers = new InMemoryCustomerRepository();
    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final PlanCatalog catalog = PlanCatalog.standard(Map.of());
    private final GetMyUsageService service = new GetMyUsageService(
            new CurrentSubscriptions(customers, subscriptions, catalog), ledger, FixedClock.at("2026-08-20T12:00:00Z"));

    private Customer subscribed(PlanId plan, SubscriptionStatus status) {
        Customer customer = aCustomer().build();
        Subscription subscription = subscriptions.save(aSubscription().forCustomer(customer.id()).onPlan(plan)
                .withStatus(status).over(PAID_PERIOD).build());
        return customers.save(customer.followSubscription(subscription.id()));
    }

    @Test
    void a_free_customer_counts_the_calendar_month_against_ten() {
        CustomerId newcomer = new CustomerId("newcomer");
        ledger.alreadyUsed(newcomer, AUGUST, 4);

        UsageView usage = service.myUsage(newcomer);

        assertThat(usage.plan()).isEqualTo(PlanId.FREE);
        assertThat(usage.usage().period()).isEqualTo(AUGUST);
        assertThat(usage.usage().used()).isEqualTo(4);
        assertThat(usage.usage().limit()).hasValue(10);
        assertThat(usage.usage().remaining()).hasValue(6);
    }

    @Test
    void a_pro_customer_counts_the_subscription_period_against_a_thousand() {
        Customer customer = subscribed(PlanId.PRO, SubscriptionStatus.ACTIVE);
        ledger.alreadyUsed(customer.id(), PAID_PERIOD, 250);
        ledger.alreadyUsed(customer.id(), AUGUST, 7);

        UsageView usage = service.myUsage(customer.id());

        assertThat(usage.plan()).isEqualTo(PlanId.PRO);
        assertThat(usage.usage().period()).isEqualTo(PAID_PERIOD);
        assertThat(usage.usage().used()).isEqualTo(250);
        assertThat(usage.usage().remaining()).hasValue(750);
    }

    @Test
    void an_enterprise_customer_has_no_limit_and_nothing_remaining_to_count() {
        Customer customer = subscribed(PlanId.ENTERPRISE, SubscriptionStatus.TRIALING);

        UsageView usage = service.myUsage(customer.id());

        assertThat(usage.usage().limit()).isEqualTo(OptionalLong.empty());
        assertThat(usage.usage().remaining()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void a_paused_subscription_falls_back_to_the_free_quota() {
        Customer customer = subscribed(PlanId.PRO, SubscriptionStatus.PAUSED);

        UsageView usage = service.myUsage(customer.id());

        assertThat(usage.plan()).isEqualTo(PlanId.FREE);
        assertThat(usage.usage().period()).isEqualTo(AUGUST);
    }
}
