package com.agentmarket.billing.adapter.out.persistence.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.adapter.out.persistence.work.SqlDueWork;
import com.agentmarket.billing.application.usage.UnreportedUsage;
import com.agentmarket.billing.application.usage.UsageBacklog;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlUsageReportOutboxIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** Later than any execution the tests record: everything waiting may be reported. */
    private static final Instant LATER = NOW.plus(Duration.ofDays(1));
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
    void twoPayingCustomers() {
        db.truncateAll();
        for (String customer : List.of("jane", "john")) {
            db.execute("insert into customer (id, stripe_customer_id, account_status, version, created_at, updated_at) "
                    + "values ('" + customer + "', 'cus_" + customer + "', 'ACTIVE', 1, current_timestamp, current_timestamp)");
        }
    }

    /** {@code count} executions of {@code customer} waiting to be reported, one second apart, in one statement. */
    private static void executionsWaiting(String customer, int count) {
        if (count == 0) {
            return;
        }
        db.execute("insert into execution (customer_id, execution_id, period_start, period_end, quota_limit, admitted, "
                + "used_after, recorded_at, report_state) select '" + customer + "', '" + customer + "-' || i, "
                + "current_timestamp, current_timestamp + interval '30 days', 100, true, 101 + i, "
                + "current_timestamp - (" + count + " - i) * interval '1 second', 'PENDING' "
                + "from generate_series(0, " + (count - 1) + ") as i");
    }

    /** The outbox with its due work, as the application uses them together. */
    private static final class Outbox {
        private final SqlUsageReportOutbox outbox;
        private final SqlDueWork work;

        Outbox(EntityManager em) {
            outbox = new SqlUsageReportOutbox(em);
            work = new SqlDueWork(em);
        }

        int formReports(int maxCustomers, Instant until, Instant now) {
            return outbox.formReports(maxCustomers, until, now);
        }

        boolean enqueue(UsageReport report, String request, Instant now) {
            return outbox.enqueue(report, request, now);
        }

        Optional<UsageReportOutbox.RecordedUsageReport> recorded(String identifier) {
            return outbox.recorded(identifier);
        }

        UsageBacklog backlog() {
            return outbox.backlog();
        }

        com.agentmarket.billing.application.shared.Page<UnreportedUsage> unreported(int page, int size) {
            return outbox.unreported(page, size);
        }

        List<UsageReport> claimDue(int max, Instant now, Duration lease, String worker) {
            return outbox.find(work.claim(WorkKind.USAGE_REPORT, max, now, lease, worker).stream()
                    .map(claim -> claim.key()).toList());
        }

        void sent(String identifier, String worker, Instant now) {
            work.complete(WorkKind.USAGE_REPORT, identifier, worker, Optional.empty(), now);
        }

        void failed(String identifier, String worker, String error, Optional<Instant> retryAt, Instant now) {
            work.fail(WorkKind.USAGE_REPORT, identifier, worker, error, retryAt, now);
        }
    }

    private <T> T outbox(Function<Outbox, T> work) {
        return db.inTransaction(em -> work.apply(new Outbox(em)));
    }

    @Test
    void waiting_executions_become_one_report_per_customer_with_an_identifier_fixed_before_sending() {
        executionsWaiting("jane", 3);
        executionsWaiting("john", 2);

        int grouped = outbox(o -> o.formReports(500, LATER, NOW));
        List<UsageReport> claimed = outbox(o -> o.claimDue(10, NOW, LEASE, "w1"));

        assertThat(grouped).isEqualTo(5);
        assertThat(claimed).extracting(r -> r.customer().value(), UsageReport::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("jane", 3L), org.assertj.core.groups.Tuple.tuple("john", 2L));
        assertThat(claimed).allSatisfy(r -> assertThat(r.identifier()).startsWith("usage-").hasSizeLessThanOrEqualTo(100));
        assertThat(claimed).extracting(UsageReport::stripeCustomer)
                .containsExactlyInAnyOrder(new StripeCustomerId("cus_jane"), new StripeCustomerId("cus_john"));
        assertThat(db.count("select count(*) from execution where report_state = 'BATCHED'")).isEqualTo(5);
    }

    @Test
    void executions_of_two_billing_periods_become_two_reports_each_stamped_inside_its_own_period() {
        db.execute("insert into execution (customer_id, execution_id, period_start, period_end, quota_limit, admitted, "
                + "used_after, recorded_at, report_state) values "
                + "('jane', 'august-1', timestamp with time zone '2026-08-03 10:00:00+00', timestamp with time zone "
                + "'2026-09-03 10:00:00+00', 100, true, 101, timestamp with time zone '2026-09-03 09:59:58+00', 'PENDING'), "
                + "('jane', 'august-2', timestamp with time zone '2026-08-03 10:00:00+00', timestamp with time zone "
                + "'2026-09-03 10:00:00+00', 100, true, 102, timestamp with time zone '2026-09-03 09:59:59+00', 'PENDING'), "
                + "('jane', 'september-1', timestamp with time zone '2026-09-03 10:00:00+00', timestamp with time zone "
                + "'2026-10-03 10:00:00+00', 100, true, 101, timestamp with time zone '2026-09-03 10:00:01+00', 'PENDING')");

        int grouped = outbox(o -> o.formReports(500, LATER, NOW));

        assertThat(grouped).isEqualTo(3);
        assertThat(db.count("select count(*) from usage_report where customer_id = 'jane'")).isEqualTo(2);
        assertThat(db.count("select event_value from usage_report where event_timestamp < timestamp with time zone "
                + "'2026-09-03 10:00:00+00'")).as("August's two, stamped in August").isEqualTo(2);
        assertThat(db.count("select event_value from usage_report where event_timestamp >= timestamp with time zone "
                + "'2026-09-03 10:00:00+00'")).as("September's one, in September").isEqualTo(1);
    }

    @Test
    void a_report_covers_all_a_customers_waiting_executions_older_than_the_window() {
        executionsWaiting("jane", 700);
        db.execute("insert into execution (customer_id, execution_id, period_start, period_end, quota_limit, admitted, "
                + "used_after, recorded_at, report_state) values ('jane', 'just-now', current_timestamp, current_timestamp "
                + "+ interval '30 days', 100, true, 900, current_timestamp + interval '1 hour', 'PENDING')");

        int grouped = outbox(o -> o.formReports(500, NOW.plus(Duration.ofMinutes(30)), NOW));

        assertThat(grouped).isEqualTo(700);
        assertThat(db.count("select count(*) from usage_report")).isEqualTo(1);
        assertThat(db.count("select event_value from usage_report")).isEqualTo(700);
        assertThat(db.count("select count(*) from execution where execution_id = 'just-now' and report_state = 'PENDING'"))
                .as("younger than the window: waits for the next report").isEqualTo(1);
    }

    @Test
    void a_sent_report_marks_its_executions_reported() {
        executionsWaiting("jane", 3);
        outbox(o -> o.formReports(500, LATER, NOW));
        UsageReport report = outbox(o -> o.claimDue(10, NOW, LEASE, "w1")).get(0);

        outbox(o -> {
            o.sent(report.identifier(), "w1", NOW);
            return null;
        });

        assertThat(db.count("select count(*) from execution_report where report_state = 'REPORTED' and report_batch = '"
                + report.identifier() + "'")).isEqualTo(3);
        assertThat(outbox(Outbox::backlog).executions()).isZero();
        assertThat(db.count("select count(*) from work_inflight")).isZero();
    }

    @Test
    void one_report_in_flight_per_customer() {
        executionsWaiting("jane", 1);
        outbox(o -> o.formReports(500, LATER, NOW));
        executionsWaiting("jane", 0);
        db.execute("insert into execution (customer_id, execution_id, period_start, period_end, quota_limit, admitted, "
                + "used_after, recorded_at, report_state) values ('jane', 'late', current_timestamp, current_timestamp "
                + "+ interval '30 days', 100, true, 150, current_timestamp, 'PENDING')");
        outbox(o -> o.formReports(500, LATER, NOW));

        List<UsageReport> first = outbox(o -> o.claimDue(10, NOW, LEASE, "w1"));
        List<UsageReport> meanwhile = outbox(o -> o.claimDue(10, NOW, LEASE, "w2"));
        outbox(o -> {
            o.sent(first.get(0).identifier(), "w1", NOW);
            return null;
        });
        outbox(o -> o.formReports(500, LATER, NOW));
        List<UsageReport> next = outbox(o -> o.claimDue(10, NOW, LEASE, "w2"));

        assertThat(first).hasSize(1);
        assertThat(meanwhile).as("jane's second report waits for the first").isEmpty();
        assertThat(next).hasSize(1).extracting(UsageReport::identifier).doesNotContain(first.get(0).identifier());
    }

    @Test
    void while_a_customers_report_is_unsent_their_new_executions_wait_and_then_form_one_report() {
        executionsWaiting("jane", 2);
        outbox(o -> o.formReports(500, LATER, NOW));
        UsageReport unsent = outbox(o -> o.claimDue(10, NOW, LEASE, "w")).get(0);
        outbox(o -> {
            o.failed(unsent.identifier(), "w", "Stripe down", Optional.of(NOW.plusSeconds(30)), NOW);
            return null;
        });
        for (int round = 0; round < 3; round++) {
            db.execute("insert into execution (customer_id, execution_id, period_start, period_end, quota_limit, admitted, "
                    + "used_after, recorded_at, report_state) values ('jane', 'during-" + round + "', "
                    + "timestamp with time zone '2026-08-01 00:00:00+00', timestamp with time zone '2026-09-01 00:00:00+00', "
                    + "100, true, 150, current_timestamp, 'PENDING')");
            assertThat(this.<Integer>outbox(o -> o.formReports(500, LATER, NOW))).as("round " + round).isZero();
        }
        assertThat(outbox(Outbox::backlog).executions()).isEqualTo(5);

        UsageReport retried = outbox(o -> o.claimDue(10, NOW.plusSeconds(30), LEASE, "w")).get(0);
        outbox(o -> {
            o.sent(retried.identifier(), "w", NOW.plusSeconds(30));
            return null;
        });
        int formed = outbox(o -> o.formReports(500, LATER, NOW.plusSeconds(30)));

        assertThat(formed).isEqualTo(3);
        assertThat(db.count("select count(*) from usage_report where customer_id = 'jane'")).isEqualTo(2);
        assertThat(outbox(Outbox::backlog).executions()).isEqualTo(3);
    }

    @Test
    void a_report_unsent_for_an_hour_no_longer_holds_the_customers_later_usage_back() {
        executionsWaiting("jane", 2);
        outbox(o -> o.formReports(500, LATER, NOW));
        db.execute("insert into execution (customer_id, execution_id, period_start, period_end, quota_limit, admitted, "
                + "used_after, recorded_at, report_state) values ('jane', 'later', current_timestamp, "
                + "current_timestamp + interval '30 days', 100, true, 150, current_timestamp, 'PENDING')");
        Instant created = NOW;

        int withinTheHour = outbox(o -> o.formReports(500, LATER, created.plus(SqlUsageReportOutbox.ONE_UNSENT_REPORT_FOR)
                .minusSeconds(1)));
        int afterIt = outbox(o -> o.formReports(500, LATER, created.plus(SqlUsageReportOutbox.ONE_UNSENT_REPORT_FOR)
                .plusSeconds(1)));

        assertThat(withinTheHour).isZero();
        assertThat(afterIt).isEqualTo(1);
    }

    @Test
    void a_report_claimed_by_a_crashed_server_is_sent_again_under_the_same_identifier() {
        executionsWaiting("jane", 4);
        outbox(o -> o.formReports(500, LATER, NOW));
        UsageReport beforeCrash = outbox(o -> o.claimDue(10, NOW, LEASE, "crashed")).get(0);

        List<UsageReport> whileLeased = outbox(o -> o.claimDue(10, NOW.plusSeconds(60), LEASE, "restarted"));
        List<UsageReport> afterLease = outbox(o -> o.claimDue(10, NOW.plus(LEASE).plusSeconds(1), LEASE, "restarted"));
        int formedAgain = outbox(o -> o.formReports(500, LATER, NOW.plus(LEASE)));

        assertThat(whileLeased).isEmpty();
        assertThat(afterLease).singleElement().satisfies(report -> {
            assertThat(report.identifier()).isEqualTo(beforeCrash.identifier());
            assertThat(report.value()).isEqualTo(4);
            assertThat(report.attempts()).isEqualTo(2);
        });
        assertThat(formedAgain).as("the executions are in the report already").isZero();
    }

    @Test
    void a_failed_send_waits_for_its_retry_and_a_refused_one_stays_for_operators() {
        executionsWaiting("jane", 1);
        executionsWaiting("john", 1);
        outbox(o -> o.formReports(500, LATER, NOW));
        List<UsageReport> claimed = outbox(o -> o.claimDue(10, NOW, LEASE, "w"));
        UsageReport jane = claimed.stream().filter(r -> r.customer().value().equals("jane")).findFirst().orElseThrow();
        UsageReport john = claimed.stream().filter(r -> r.customer().value().equals("john")).findFirst().orElseThrow();
        outbox(o -> {
            o.failed(jane.identifier(), "w", "Stripe down", Optional.of(NOW.plusSeconds(30)), NOW);
            o.failed(john.identifier(), "w", "refused: too old", Optional.empty(), NOW);
            return null;
        });

        assertThat(this.<List<UsageReport>>outbox(o -> o.claimDue(10, NOW.plusSeconds(29), LEASE, "w"))).isEmpty();
        assertThat(this.<List<UsageReport>>outbox(o -> o.claimDue(10, NOW.plusSeconds(30), LEASE, "w"))).extracting(UsageReport::identifier)
                .containsExactly(jane.identifier());
        UsageBacklog backlog = outbox(Outbox::backlog);
        assertThat(backlog.executions()).isEqualTo(2);
        assertThat(backlog.failedReports()).isEqualTo(1);
        assertThat(backlog.oldest()).isPresent();
        assertThat(this.<com.agentmarket.billing.application.shared.Page<UnreportedUsage>>outbox(o -> o.unreported(0, 10)).items()).extracting(u -> u.customer().value())
                .containsExactlyInAnyOrder("jane", "john");
    }

    @Test
    void two_servers_forming_reports_at_once_put_each_execution_in_exactly_one_report() throws Exception {
        executionsWaiting("jane", 300);
        executionsWaiting("john", 300);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> grouped = new ArrayList<>();
            for (int server = 0; server < 2; server++) {
                grouped.add(servers.submit(() -> {
                    start.await();
                    int total = 0;
                    int round;
                    do {
                        round = outbox(o -> o.formReports(1, LATER, NOW));
                        total += round;
                    } while (round > 0);
                    return total;
                }));
            }
            start.countDown();
            assertThat(grouped.get(0).get() + grouped.get(1).get()).isEqualTo(600);
        } finally {
            servers.shutdownNow();
        }
        assertThat(db.count("select coalesce(sum(event_value), 0) from usage_report")).isEqualTo(600);
        assertThat(db.count("select count(*) from execution where report_state = 'BATCHED' and report_batch in "
                + "(select batch_id from usage_report)")).isEqualTo(600);
    }

    @Test
    void usage_recorded_through_the_api_is_queued_once_per_identifier() {
        UsageReport recorded = new UsageReport("rec-1", new CustomerId("jane"), new StripeCustomerId("cus_jane"), 100,
                NOW.minusSeconds(60), 0);

        assertThat(this.<Boolean>outbox(o -> o.enqueue(recorded, "request-digest", NOW))).isTrue();
        assertThat(this.<Boolean>outbox(o -> o.enqueue(recorded, "request-digest", NOW))).isFalse();
        assertThat(this.<Optional<UsageReportOutbox.RecordedUsageReport>>outbox(o -> o.recorded("rec-1")))
                .hasValueSatisfying(first -> {
                    assertThat(first.request()).isEqualTo("request-digest");
                    assertThat(first.report().value()).isEqualTo(100);
                    assertThat(first.report().timestamp()).isEqualTo(NOW.minusSeconds(60));
                });
        assertThat(this.<List<UsageReport>>outbox(o -> o.claimDue(10, NOW, LEASE, "w"))).singleElement()
                .satisfies(report -> assertThat(report.value()).isEqualTo(100));
    }
}
