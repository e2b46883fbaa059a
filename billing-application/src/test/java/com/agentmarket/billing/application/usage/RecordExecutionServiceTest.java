package com.agentmarket.billing.application.usage;

import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.FixedClock;
import com.agentmarket.billing.application.fakes.InMemoryCustomerRepository;
import com.agentmarket.billing.application.fakes.InMemoryExecutionLedger;
import com.agentmarket.billing.application.fakes.InMemoryNotificationOutbox;
import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.ClientKey;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.usage.port.in.RecordExecution.ExecutionResult;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.EntitlementFacts;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import com.agentmarket.billing.domain.usage.ExecutionId;
import com.agentmarket.billing.domain.usage.OveragePolicy;
import com.agentmarket.billing.domain.usage.QuotaPolicy;
import com.agentmarket.billing.domain.usage.UsageAlertPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordExecutionServiceTest {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final BillingPeriod AUGUST = BillingPeriod.calendarMonthOf(Instant.parse("2026-08-20T12:00:00Z"));
    private static final BillingPeriod PAID = new BillingPeriod(Instant.parse("2026-08-03T10:00:00Z"),
            Instant.parse("2026-09-03T10:00:00Z"));

    private final InMemoryExecutionLedger ledger = new InMemoryExecutionLedger();
    private static final PriceId METERED = new PriceId("price_metered");

    private final PlanCatalog catalog = PlanCatalog.standard(Map.of(), Optional.of(METERED));
    private final FixedClock clock = FixedClock.at("2026-08-20T12:00:00Z");
    private final InMemoryCustomerRepository customers = new InMemoryCustomerRepository();
    private final InMemoryNotificationOutbox outbox = new InMemoryNotificationOutbox();
    private final UsageAlerts alerts = new UsageAlerts(new UsageAlertPolicy(List.of(80, 100)), customers, outbox,
            new InTransaction(), clock);
    private RecordExecutionService service = new RecordExecutionService(ledger, catalog,
            new QuotaPolicy(OveragePolicy.BLOCK), clock, alerts);

    private ExecutionResult run(String id) {
        return service.record(JANE, new ExecutionId(id), Optional.empty());
    }

    private void janeSubscribes(PlanId plan, SubscriptionStatus status, boolean suspended) {
        ledger.knows(JANE, new EntitlementFacts(suspended, Optional.of(aSubscription().forCustomer(JANE).onPlan(plan)
                .withStatus(status).over(PAID).build())));
    }

    /** Jane's Basic subscription as checkout makes it with overage billing: the tier's price and the metered one. */
    private void janeSubscribesToBasicWithTheMeteredItem() {
        ledger.knows(JANE, new EntitlementFacts(false, Optional.of(aSubscription().forCustomer(JANE).onPlan(PlanId.BASIC)
                .over(PAID).billing(new PriceId("price_basic"), METERED).build())));
    }

    @Test
    void a_newcomer_gets_the_free_quota_of_the_calendar_month() {
        ExecutionResult first = run("exec-1");

        assertThat(first.admitted()).isTrue();
        assertThat(first.usage().used()).isEqualTo(1);
        assertThat(first.usage().remaining()).hasValue(9);
        assertThat(first.usage().period()).isEqualTo(AUGUST);
    }

    @Test
    void free_plan_denies_the_eleventh_execution_in_a_month() {
        ledger.alreadyUsed(JANE, AUGUST, 10);

        ExecutionResult eleventh = run("exec-11");

        assertThat(eleventh.refusal()).contains(ExecutionDecision.Reason.QUOTA_EXCEEDED);
        assertThat(eleventh.usage().used()).isEqualTo(10);
        assertThat(eleventh.usage().remaining()).hasValue(0);
    }

    @Test
    void a_repeated_execution_id_returns_the_first_answer_and_counts_once() {
        ExecutionResult first = run("exec-1");
        run("exec-2");

        ExecutionResult repeat = run("exec-1");

        assertThat(repeat).isEqualTo(first);
        assertThat(ledger.usedIn(JANE, AUGUST)).isEqualTo(2);
    }

    @Test
    void a_pro_subscriber_counts_in_the_subscription_period_against_a_thousand() {
        janeSubscribes(PlanId.PRO, SubscriptionStatus.ACTIVE, false);

        ExecutionResult result = run("exec-1");

        assertThat(result.usage().period()).isEqualTo(PAID);
        assertThat(result.usage().limit()).hasValue(1000);
    }

    @Test
    void a_suspended_account_is_refused_without_counting() {
        janeSubscribes(PlanId.ENTERPRISE, SubscriptionStatus.ACTIVE, true);

        ExecutionResult result = run("exec-1");

        assertThat(result.refusal()).contains(ExecutionDecision.Reason.ACCOUNT_SUSPENDED);
        assertThat(ledger.usedIn(JANE, PAID)).isZero();
    }

    @Test
    void enterprise_is_unlimited() {
        janeSubscribes(PlanId.ENTERPRISE, SubscriptionStatus.ACTIVE, false);
        ledger.alreadyUsed(JANE, PAID, 1_000_000);

        ExecutionResult result = run("exec-1");

        assertThat(result.admitted()).isTrue();
        assertThat(result.usage().limit()).isEmpty();
    }

    @Test
    void with_overage_billing_a_paid_plan_goes_on_and_only_the_overage_is_billable() {
        service = new RecordExecutionService(ledger, catalog, new QuotaPolicy(OveragePolicy.BILL), clock, alerts);
        janeSubscribesToBasicWithTheMeteredItem();
        ledger.alreadyUsed(JANE, PAID, 99);

        ExecutionResult hundredth = run("exec-100");
        ExecutionResult hundredAndFirst = run("exec-101");

        assertThat(hundredth.admitted()).isTrue();
        assertThat(hundredAndFirst.admitted()).isTrue();
        assertThat(hundredAndFirst.usage().used()).isEqualTo(101);
        assertThat(ledger.billable()).extracting(e -> e.execution().value()).containsExactly("exec-101");
    }

    @Test
    void with_overage_billing_a_subscription_without_the_metered_item_stops_at_its_quota() {
        service = new RecordExecutionService(ledger, catalog, new QuotaPolicy(OveragePolicy.BILL), clock, alerts);
        janeSubscribes(PlanId.BASIC, SubscriptionStatus.ACTIVE, false);
        ledger.alreadyUsed(JANE, PAID, 99);

        ExecutionResult hundredth = run("exec-100");
        ExecutionResult hundredAndFirst = run("exec-101");

        assertThat(hundredth.admitted()).isTrue();
        assertThat(hundredAndFirst.refusal()).contains(ExecutionDecision.Reason.QUOTA_EXCEEDED);
        assertThat(ledger.billable()).isEmpty();
    }

    @Test
    void an_idempotency_key_answers_its_execution_again_and_is_refused_for_another() {
        ClientKey key = new ClientKey("user_42", "retry-7");

        ExecutionResult first = service.record(JANE, new ExecutionId("exec-1"), Optional.of(key));
        ExecutionResult retried = service.record(JANE, new ExecutionId("exec-1"), Optional.of(key));

        assertThat(retried.usage().used()).isEqualTo(first.usage().used()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.record(JANE, new ExecutionId("exec-2"), Optional.of(key)))
                .isInstanceOfSatisfying(BillingRejection.class, rejection ->
                        assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.IDEMPOTENCY_KEY_REUSED));
        assertThat(service.record(JANE, new ExecutionId("exec-2"), Optional.of(new ClientKey("another-caller", "retry-7")))
                .admitted()).as("keys belong to their caller").isTrue();
        assertThat(run("exec-3").usage().used()).isEqualTo(3);
    }

    @Test
    void a_free_customer_is_told_once_at_eighty_and_once_at_a_hundred_percent() {
        customers.save(Customer.register(JANE, Optional.of(new Email("jane@example.com"))));

        for (int i = 1; i <= 11; i++) {
            run("exec-" + i);
        }

        String period = ":" + AUGUST.start().getEpochSecond() + ":";
        assertThat(outbox.all()).extracting(Notification::key)
                .containsExactly("usage-alert:user_42" + period + "80", "usage-alert:user_42" + period + "100");
        assertThat(outbox.all()).allSatisfy(alert -> assertThat(alert.recipient()).contains(new Email("jane@example.com")));
        assertThat(outbox.all().get(0).body()).contains("8 of the 10");
    }

    @Test
    void the_alert_goes_to_the_address_the_customers_token_vouches_for() {
        ledger.alreadyUsed(JANE, AUGUST, 7);

        service.record(JANE, new ExecutionId("exec-8"), Optional.empty(), Optional.of(new Email("jane@tokens.example")));

        assertThat(outbox.all()).singleElement()
                .satisfies(alert -> assertThat(alert.recipient()).contains(new Email("jane@tokens.example")));
    }

    @Test
    void a_repeated_execution_at_a_threshold_queues_no_second_alert() {
        ledger.alreadyUsed(JANE, AUGUST, 7);

        run("exec-8");
        run("exec-8");

        assertThat(outbox.all()).hasSize(1);
    }

    @Test
    void unlimited_plans_get_no_usage_alerts() {
        janeSubscribes(PlanId.ENTERPRISE, SubscriptionStatus.ACTIVE, false);

        for (int i = 1; i <= 20; i++) {
            run("exec-" + i);
        }

        assertThat(outbox.all()).isEmpty();
    }
}
