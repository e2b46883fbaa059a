package com.agentmarket.billing.adapter.out.persistence.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.OnPostgresAndH2;
import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.ExecutionToRecord;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.Recorded;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.plan.Quota;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import com.agentmarket.billing.domain.usage.ExecutionId;
import com.agentmarket.billing.domain.usage.QuotaTerms;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hot path's statements on PostgreSQL (one statement) and on H2 (the stepwise fallback). */
class JdbcExecutionLedgerIT extends OnPostgresAndH2 {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final Instant NOW = Instant.parse("2026-08-20T12:00:00Z");
    private static final BillingPeriod AUGUST = BillingPeriod.calendarMonthOf(NOW);





    private static JdbcExecutionLedger ledgerOn(TestDatabase db) {
        JdbcExecutionLedger ledger = new JdbcExecutionLedger(db.dataSource());
        registered(db, JANE);
        return ledger;
    }

    private static void registered(TestDatabase db, CustomerId customer) {
        db.execute("insert into customer (id, account_status, version, created_at, updated_at) values ('" + customer.value()
                + "', 'ACTIVE', 1, current_timestamp, current_timestamp)");
    }

    /** Records with a rule that keeps the facts the ledger read, and applies {@code terms}. */
    private static Optional<ExecutionLedger.EntitlementFacts> factsSeenBy(JdbcExecutionLedger ledger, CustomerId customer,
            String id, QuotaTerms terms) {
        java.util.concurrent.atomic.AtomicReference<Optional<ExecutionLedger.EntitlementFacts>> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        ledger.record(new ExecutionToRecord(customer, new ExecutionId(id), facts -> {
            seen.set(facts);
            return terms;
        }, NOW, Optional.empty()));
        return seen.get();
    }

    /** The quota terms as the domain states them: the plan's limit, the ceiling, a refusal, whether overage is billed. */
    private static QuotaTerms terms(OptionalLong limit, OptionalLong ceiling, Optional<ExecutionDecision.Reason> refusal,
            boolean billsOverage) {
        return new QuotaTerms(AUGUST, refusal, limit.isPresent() ? Quota.of(limit.getAsLong()) : Quota.unlimited(), ceiling,
                billsOverage ? limit : OptionalLong.empty());
    }

    private static ExecutionToRecord free(String id) {
        return new ExecutionToRecord(JANE, new ExecutionId(id), terms(OptionalLong.of(10), OptionalLong.of(10), Optional.empty(), false), NOW, Optional.empty());
    }

    private static void used(TestDatabase db, long used) {
        db.execute("insert into usage_counter (customer_id, period_start, period_end, used) values ('user_42', "
                + "timestamp with time zone '2026-08-01 00:00:00+00', timestamp with time zone '2026-09-01 00:00:00+00', "
                + used + ")");
    }

    private static <T> List<T> inParallel(int callers, java.util.function.IntFunction<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<T>> calls = IntStream.range(0, callers).<Callable<T>>mapToObj(i -> () -> {
                start.await();
                return call.apply(i);
            }).toList();
            List<Future<T>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            java.util.ArrayList<T> results = new java.util.ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void fifty_parallel_requests_with_three_executions_left_admit_exactly_three(TestDatabase db) throws Exception {
        JdbcExecutionLedger ledger = ledgerOn(db);
        used(db, 7);

        List<Recorded> answers = inParallel(50, i -> ledger.record(free("exec-" + i)));

        assertThat(answers.stream().filter(a -> a.refusal().isEmpty())).hasSize(3);
        assertThat(answers.stream().filter(a -> a.refusal().equals(Optional.of(ExecutionDecision.Reason.QUOTA_EXCEEDED))))
                .hasSize(47).allSatisfy(refused -> assertThat(refused.usedAfter()).isEqualTo(10));
        assertThat(db.count("select used from usage_counter where customer_id = 'user_42'")).isEqualTo(10);
        assertThat(db.count("select count(*) from execution where admitted")).isEqualTo(3);
        assertThat(db.count("select count(*) from execution where refusal = 'QUOTA_EXCEEDED'")).isEqualTo(47);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void a_repeated_execution_id_returns_the_first_answer_and_counts_once_even_when_concurrent(TestDatabase db)
            throws Exception {
        JdbcExecutionLedger ledger = ledgerOn(db);
        Recorded first = ledger.record(free("exec-1"));

        List<Recorded> repeats = inParallel(20, i -> ledger.record(free("exec-2")));
        Recorded again = ledger.record(free("exec-1"));

        assertThat(first.usedAfter()).isEqualTo(1);
        assertThat(first.repeated()).isFalse();
        assertThat(repeats).extracting(Recorded::usedAfter).containsOnly(2L);
        assertThat(repeats.stream().filter(r -> !r.repeated())).hasSize(1);
        assertThat(again.usedAfter()).isEqualTo(1);
        assertThat(again.repeated()).isTrue();
        assertThat(db.count("select used from usage_counter where customer_id = 'user_42'")).isEqualTo(2);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void a_refused_execution_is_stored_with_its_reason_and_not_counted(TestDatabase db) {
        JdbcExecutionLedger ledger = ledgerOn(db);
        used(db, 4);
        ExecutionToRecord suspended = new ExecutionToRecord(JANE, new ExecutionId("exec-s"), terms(OptionalLong.of(10), OptionalLong.of(10), Optional.of(ExecutionDecision.Reason.ACCOUNT_SUSPENDED), false), NOW, Optional.empty());

        Recorded refused = ledger.record(suspended);
        Recorded repeat = ledger.record(suspended);

        assertThat(refused.refusal()).contains(ExecutionDecision.Reason.ACCOUNT_SUSPENDED);
        assertThat(refused.usedAfter()).isEqualTo(4);
        assertThat(repeat.repeated()).isTrue();
        assertThat(db.count("select used from usage_counter where customer_id = 'user_42'")).isEqualTo(4);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void with_overage_billing_only_executions_beyond_the_quota_wait_to_be_reported(TestDatabase db) {
        JdbcExecutionLedger ledger = ledgerOn(db);
        used(db, 99);
        java.util.function.Function<String, ExecutionToRecord> basic = id -> new ExecutionToRecord(JANE, new ExecutionId(id), terms(OptionalLong.of(100), OptionalLong.empty(), Optional.empty(), true), NOW, Optional.empty());

        ledger.record(basic.apply("exec-100"));
        ledger.record(basic.apply("exec-101"));
        ledger.record(basic.apply("exec-102"));

        assertThat(db.count("select count(*) from execution where report_state = 'PENDING'")).isEqualTo(2);
        assertThat(db.count("select count(*) from execution where report_state = 'NONE' and execution_id = 'exec-100'"))
                .isEqualTo(1);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void unlimited_plans_count_without_a_ceiling_and_facts_are_read_in_one_query(TestDatabase db) {
        JdbcExecutionLedger ledger = ledgerOn(db);
        used(db, 5_000_000);

        Recorded recorded = ledger.record(new ExecutionToRecord(JANE, new ExecutionId("e"), terms(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), false), NOW, Optional.empty()));

        assertThat(recorded.refusal()).isEmpty();
        assertThat(recorded.usedAfter()).isEqualTo(5_000_001);
        assertThat(recorded.limit()).isEmpty();
        QuotaTerms unlimited = terms(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), false);
        assertThat(factsSeenBy(ledger, JANE, "f", unlimited)).hasValueSatisfying(facts -> {
            assertThat(facts.suspended()).isFalse();
            assertThat(facts.subscription()).isEmpty();
        });
        assertThat(factsSeenBy(ledger, new CustomerId("nobody"), "n", unlimited)).isEmpty();
        assertThat(db.count("select count(*) from customer where id = 'nobody' and account_status = 'ACTIVE'"))
                .as("a customer seen for the first time is stored").isEqualTo(1);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void the_facts_carry_the_subscriptions_items_with_their_prices(TestDatabase db) {
        JdbcExecutionLedger ledger = ledgerOn(db);
        db.execute("insert into subscription (id, customer_id, plan_id, status, current_period_start, current_period_end, "
                + "cancel_at_period_end, items, stripe_created, observed_at, version, created_at, updated_at) values ('sub_items', "
                + "'user_42', 'BASIC', "
                + "'ACTIVE', timestamp with time zone '2026-08-01 00:00:00+00', timestamp with time zone '2026-09-01 00:00:00+00', "
                + "false, 'si_a:price_basic,si_b:price_metered', current_timestamp, current_timestamp, 1, current_timestamp, "
                + "current_timestamp)");
        db.execute("update customer set stripe_subscription_id = 'sub_items' where id = 'user_42'");

        assertThat(factsSeenBy(ledger, JANE, "i", terms(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), false))
                .orElseThrow().subscription().orElseThrow().items()).containsExactlyInAnyOrder(
                new SubscriptionItem(new SubscriptionItemId("si_a"), new PriceId("price_basic")),
                new SubscriptionItem(new SubscriptionItemId("si_b"), new PriceId("price_metered")));
    }

    private static ExecutionToRecord keyed(String id, String requestKey) {
        return new ExecutionToRecord(JANE, new ExecutionId(id), terms(OptionalLong.of(10), OptionalLong.of(10), Optional.empty(), false), NOW, Optional.of(requestKey));
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void a_request_key_answers_its_execution_again_and_refuses_another_without_counting(TestDatabase db) {
        JdbcExecutionLedger ledger = ledgerOn(db);

        Recorded first = ledger.record(keyed("exec-1", "key-a"));
        Recorded again = ledger.record(keyed("exec-1", "key-a"));

        assertThat(again.repeated()).isTrue();
        assertThat(again.usedAfter()).isEqualTo(first.usedAfter()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.record(keyed("exec-2", "key-a")))
                .isInstanceOf(com.agentmarket.billing.application.usage.port.out.ExecutionLedger.RequestKeyReused.class);
        assertThat(db.count("select used from usage_counter")).as("nothing counted for the refused one").isEqualTo(1);
        assertThat(db.count("select count(*) from execution where execution_id = 'exec-2'")).isZero();
        assertThat(ledger.record(keyed("exec-1", "key-b")).repeated()).as("the execution id stays the natural key").isTrue();
        assertThat(ledger.record(keyed("exec-2", "key-c")).usedAfter()).isEqualTo(2);
    }

    // Group commit: the same guarantees when concurrent executions share a transaction.

    private static final CustomerId JOHN = new CustomerId("user_43");

    private static JdbcExecutionLedger groupCommitOn(TestDatabase db) {
        JdbcExecutionLedger ledger = new JdbcExecutionLedger(db.dataSource(), new GroupCommitSettings(100, 1000, 2),
                Thread::new);
        registered(db, JANE);
        registered(db, JOHN);
        return ledger;
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void with_group_commit_fifty_parallel_requests_with_three_executions_left_admit_exactly_three(TestDatabase db)
            throws Exception {
        JdbcExecutionLedger ledger = groupCommitOn(db);
        try {
            used(db, 7);

            List<Recorded> answers = inParallel(50, i -> ledger.record(free("exec-" + i)));

            assertThat(answers.stream().filter(a -> a.refusal().isEmpty())).hasSize(3);
            assertThat(answers.stream().filter(a -> a.refusal().isPresent()))
                    .hasSize(47).allSatisfy(refused -> assertThat(refused.usedAfter()).isEqualTo(10));
            assertThat(db.count("select used from usage_counter where customer_id = 'user_42'")).isEqualTo(10);
            assertThat(db.count("select count(*) from execution where admitted")).isEqualTo(3);
        } finally {
            ledger.stop();
        }
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void with_group_commit_a_repeated_execution_id_counts_once_and_gets_the_first_answer(TestDatabase db) throws Exception {
        JdbcExecutionLedger ledger = groupCommitOn(db);
        try {
            ledger.record(free("exec-1"));

            List<Recorded> repeats = inParallel(20, i -> ledger.record(free("exec-2")));

            assertThat(repeats).extracting(Recorded::usedAfter).containsOnly(2L);
            assertThat(repeats.stream().filter(r -> !r.repeated())).hasSize(1);
            assertThat(db.count("select used from usage_counter where customer_id = 'user_42'")).isEqualTo(2);
        } finally {
            ledger.stop();
        }
    }

    private static ExecutionToRecord freeFor(CustomerId customer, String id, Optional<String> key) {
        return new ExecutionToRecord(customer, new ExecutionId(id), terms(OptionalLong.of(10), OptionalLong.of(10),
                Optional.empty(), false), NOW, key);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void one_batch_counts_each_customer_in_order_creates_missing_counters_and_answers_repeats_and_reused_keys(
            TestDatabase db) throws Exception {
        ledgerOn(db);
        registered(db, JOHN);
        used(db, 9);
        List<ExecutionToRecord> batch = List.of(
                freeFor(JANE, "a", Optional.empty()),
                freeFor(JOHN, "b", Optional.of("key-b")),
                freeFor(JANE, "a", Optional.empty()),
                freeFor(JANE, "c", Optional.empty()),
                freeFor(JOHN, "d", Optional.of("key-b")),
                freeFor(JOHN, "b", Optional.of("key-b")));

        List<ExecutionBatch.Outcome> outcomes;
        try (java.sql.Connection connection = db.dataSource().getConnection()) {
            outcomes = ExecutionBatch.write(connection, batch);
        }

        assertThat(outcomes.get(0).answer().refusal()).isEmpty();
        assertThat(outcomes.get(0).answer().usedAfter()).isEqualTo(10);
        assertThat(outcomes.get(1).answer().usedAfter()).as("John's counter created at zero").isEqualTo(1);
        assertThat(outcomes.get(2).answer().repeated()).isTrue();
        assertThat(outcomes.get(2).answer().usedAfter()).isEqualTo(10);
        assertThat(outcomes.get(3).answer().refusal()).contains(ExecutionDecision.Reason.QUOTA_EXCEEDED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcomes.get(4).answer())
                .isInstanceOf(com.agentmarket.billing.application.usage.port.out.ExecutionLedger.RequestKeyReused.class);
        assertThat(outcomes.get(5).answer().repeated()).isTrue();
        assertThat(db.count("select used from usage_counter where customer_id = 'user_42'")).isEqualTo(10);
        assertThat(db.count("select used from usage_counter where customer_id = 'user_43'")).isEqualTo(1);
        assertThat(db.count("select count(*) from execution")).isEqualTo(3);
        assertThat(db.count("select count(*) from execution where execution_id = 'd'")).isZero();
        assertThat(db.count("select count(*) from execution_request_key")).isEqualTo(1);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void with_group_commit_many_customers_in_parallel_each_stop_exactly_at_their_quota(TestDatabase db) throws Exception {
        JdbcExecutionLedger ledger = groupCommitOn(db);
        try {
            List<CustomerId> customers = IntStream.range(0, 5).mapToObj(i -> new CustomerId("many_" + i)).toList();
            customers.subList(0, 3).forEach(customer -> registered(db, customer));

            List<Recorded> answers = inParallel(60, i -> ledger.record(freeFor(customers.get(i % 5), "x-" + i,
                    Optional.of("key-" + i))));

            assertThat(answers.stream().filter(a -> a.refusal().isEmpty())).hasSize(50);
            assertThat(db.count("select count(*) from usage_counter where customer_id like 'many_%' and used = 10"))
                    .isEqualTo(5);
            assertThat(db.count("select count(*) from execution where customer_id like 'many_%'")).isEqualTo(60);
            assertThat(db.count("select count(*) from execution_request_key")).isEqualTo(60);
            assertThat(db.count("select count(*) from customer where id like 'many_%'")).as("two newcomers stored once")
                    .isEqualTo(5);
        } finally {
            ledger.stop();
        }
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void one_executions_fault_fails_that_execution_only_not_its_batch(TestDatabase db) {
        JdbcExecutionLedger ledger = ledgerOn(db);
        ExecutionToRecord faulty = new ExecutionToRecord(JANE, new ExecutionId("faulty"), facts -> {
            throw new IllegalStateException("this customer's stored plan cannot be read");
        }, NOW, Optional.empty());

        List<ExecutionBatch.Outcome> outcomes = ledger.writeAll(List.of(free("before"), faulty, free("after")));

        assertThat(outcomes.get(0).answer().usedAfter()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outcomes.get(1).answer())
                .hasMessageContaining("stored plan cannot be read");
        assertThat(outcomes.get(2).answer().usedAfter()).isEqualTo(2);
        assertThat(db.count("select count(*) from execution")).isEqualTo(2);
    }
}
