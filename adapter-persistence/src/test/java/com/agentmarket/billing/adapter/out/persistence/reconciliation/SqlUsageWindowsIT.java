package com.agentmarket.billing.adapter.out.persistence.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.OnPostgresAndH2;
import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.adapter.out.persistence.work.SqlDueWork;
import com.agentmarket.billing.application.reconciliation.UsageWindow;
import com.agentmarket.billing.application.reconciliation.port.out.UsageWindows;
import com.agentmarket.billing.application.work.port.out.DueWork;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.usage.ReconciliationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reconciliation windows' statements, on PostgreSQL and on the embedded H2 that ./run.sh starts on. */
class SqlUsageWindowsIT extends OnPostgresAndH2 {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final Instant TEN = Instant.parse("2026-08-20T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-08-20T13:05:00Z");





    @BeforeEach
    void janeIsACustomer() {
        for (TestDatabase db : databases()) {
            db.execute("insert into customer (id, stripe_customer_id, account_status, version, created_at, updated_at) "
                    + "values ('user_42', 'cus_jane', 'ACTIVE', 1, current_timestamp, current_timestamp)");
        }
    }

    private static void report(TestDatabase db, String id, long value, Instant at, String state, Instant sentAt) {
        db.execute("insert into usage_report (batch_id, customer_id, stripe_customer_id, event_value, event_timestamp, "
                + "source, state, attempts, created_at, sent_at) values ('" + id + "', 'user_42', 'cus_jane', " + value
                + ", timestamp with time zone '" + at + "', 'EXECUTIONS', '" + state + "', 1, timestamp with time zone '"
                + at + "', " + (sentAt == null ? "null" : "timestamp with time zone '" + sentAt + "'") + ")");
    }

    private static List<DueWork.Claim> claim(TestDatabase db,
            java.util.function.Function<jakarta.persistence.EntityManager, List<DueWork.Claim>> work) {
        return db.inTransaction(work);
    }

    private static <T> T on(TestDatabase db, java.util.function.Function<UsageWindows, T> work) {
        return db.inTransaction(em -> work.apply(new SqlUsageWindows(em)));
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void a_closed_hour_is_queued_once_compared_as_due_work_and_listed(TestDatabase db) {
        report(db, "r1", 5, TEN.plusSeconds(600), "SENT", TEN.plusSeconds(601));
        report(db, "r2", 3, TEN.plusSeconds(3000), "SENT", TEN.plusSeconds(3001));
        report(db, "r3", 9, TEN.plusSeconds(3600), "SENT", TEN.plusSeconds(3601));

        assertThat((Object) on(db, windows -> windows.queueClosed(TEN, TEN.plusSeconds(3600), Instant.EPOCH, NOW))).isEqualTo(1);
        assertThat((Object) on(db, windows -> windows.queueClosed(TEN, TEN.plusSeconds(3600), Instant.EPOCH, NOW))).as("once").isEqualTo(0);

        List<DueWork.Claim> claims = db.inTransaction(em -> new SqlDueWork(em).claim(WorkKind.USAGE_RECONCILIATION, 10, NOW,
                Duration.ofMinutes(5), "server-1"));
        assertThat(claims).extracting(DueWork.Claim::key).containsExactly(UsageWindow.keyOf(JANE, TEN));
        UsageWindow window = on(db, windows -> windows.find(List.of(claims.get(0).key()))).get(0);
        assertThat(window.start()).isEqualTo(TEN);
        assertThat(window.end()).isEqualTo(TEN.plusSeconds(3600));
        assertThat(window.stripeCustomer().value()).isEqualTo("cus_jane");
        assertThat((Object) on(db, windows -> windows.reported(JANE, window.start(), window.end())))
                .isEqualTo(new UsageWindows.Reported(8, 0, 0, Optional.of(TEN.plusSeconds(3001))));

        db.inTransaction(em -> {
            new SqlUsageWindows(em).record(window.key(), 8, 6, ReconciliationStatus.MISSING_AT_STRIPE, NOW, NOW);
            return new SqlDueWork(em).complete(WorkKind.USAGE_RECONCILIATION, window.key(), "server-1",
                    Optional.of("missing-at-stripe"), NOW);
        });

        var listed = on(db, windows -> windows.list(TEN.minus(Duration.ofDays(1)), NOW, 0, 10));
        assertThat(listed.total()).isEqualTo(1);
        assertThat(listed.items().get(0).ours()).contains(8L);
        assertThat(listed.items().get(0).stripe()).contains(6L);
        assertThat(listed.items().get(0).status()).contains(ReconciliationStatus.MISSING_AT_STRIPE);
        assertThat((Object) on(db, windows -> windows.drift(TEN.minus(Duration.ofDays(1))))).isEqualTo(2L);
        assertThat((Object) on(db, windows -> windows.drift(TEN.plusSeconds(3600)))).as("older hours left out").isEqualTo(0L);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void a_report_still_on_its_way_is_counted_apart_and_a_report_sent_after_the_comparison_opens_the_hour_again(
            TestDatabase db) {
        report(db, "r1", 5, TEN.plusSeconds(600), "SENT", TEN.plusSeconds(601));
        report(db, "r2", 2, TEN.plusSeconds(700), "PENDING", null);
        on(db, windows -> windows.queueClosed(TEN, TEN.plusSeconds(3600), Instant.EPOCH, NOW));
        assertThat((Object) on(db, windows -> windows.reported(JANE, TEN, TEN.plusSeconds(3600))))
                .isEqualTo(new UsageWindows.Reported(5, 1, 2, Optional.of(TEN.plusSeconds(601))));
        String key = UsageWindow.keyOf(JANE, TEN);
        db.inTransaction(em -> {
            new SqlDueWork(em).claim(WorkKind.USAGE_RECONCILIATION, 10, NOW, Duration.ofMinutes(5), "server-1");
            new SqlUsageWindows(em).record(key, 5, 5, ReconciliationStatus.MATCHED, NOW, NOW);
            return new SqlDueWork(em).complete(WorkKind.USAGE_RECONCILIATION, key, "server-1", Optional.of("matched"), NOW);
        });

        db.execute("update usage_report set state = 'SENT', sent_at = timestamp with time zone '"
                + NOW.plusSeconds(60) + "' where batch_id = 'r2'");

        assertThat((Object) on(db, windows -> windows.queueClosed(TEN, TEN.plusSeconds(3600), Instant.EPOCH, NOW.plusSeconds(120)))).isEqualTo(1);
        assertThat(claim(db, em -> new SqlDueWork(em).claim(WorkKind.USAGE_RECONCILIATION, 10,
                NOW.plusSeconds(120), Duration.ofMinutes(5), "server-1"))).hasSize(1);
        assertThat((Object) on(db, windows -> windows.reported(JANE, TEN, TEN.plusSeconds(3600))))
                .isEqualTo(new UsageWindows.Reported(7, 0, 0, Optional.of(NOW.plusSeconds(60))));
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void an_operators_run_makes_compared_hours_due_again(TestDatabase db) {
        report(db, "r1", 5, TEN.plusSeconds(600), "SENT", TEN.plusSeconds(601));
        on(db, windows -> windows.queueClosed(TEN, TEN.plusSeconds(3600), Instant.EPOCH, NOW));
        String key = UsageWindow.keyOf(JANE, TEN);
        db.inTransaction(em -> {
            new SqlDueWork(em).claim(WorkKind.USAGE_RECONCILIATION, 10, NOW, Duration.ofMinutes(5), "server-1");
            new SqlUsageWindows(em).record(key, 5, 5, ReconciliationStatus.MATCHED, NOW, NOW);
            return new SqlDueWork(em).complete(WorkKind.USAGE_RECONCILIATION, key, "server-1", Optional.of("matched"), NOW);
        });

        assertThat((Object) on(db, windows -> windows.makeDue(TEN, TEN.plusSeconds(3600), NOW.plusSeconds(60)))).isEqualTo(1);
        assertThat(claim(db, em -> new SqlDueWork(em).claim(WorkKind.USAGE_RECONCILIATION, 10, NOW.plusSeconds(60),
                Duration.ofMinutes(5), "server-1"))).extracting(DueWork.Claim::key).containsExactly(key);
        assertThat(on(db, windows -> windows.list(TEN, NOW, 0, 10)).items().get(0).status())
                .as("the last comparison stays shown meanwhile").contains(ReconciliationStatus.MATCHED);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void the_reports_stripe_accepted_in_an_hour_are_listed_newest_send_first_and_a_corrected_hour_is_checked_again(
            TestDatabase db) {
        report(db, "r1", 5, TEN.plusSeconds(600), "SENT", TEN.plusSeconds(601));
        report(db, "r2", 4, TEN.plusSeconds(700), "SENT", NOW);
        report(db, "r3", 1, TEN.plusSeconds(800), "PENDING", null);

        List<UsageWindows.SentReport> sent = on(db, windows -> windows.sentIn(JANE, TEN, TEN.plusSeconds(3600)));
        assertThat(sent).containsExactly(
                new UsageWindows.SentReport("r2", 4, NOW, 1), new UsageWindows.SentReport("r1", 5, TEN.plusSeconds(601), 1));

        on(db, windows -> windows.queueClosed(TEN, TEN.plusSeconds(3600), Instant.EPOCH, NOW));
        String key = UsageWindow.keyOf(JANE, TEN);
        db.inTransaction(em -> {
            new SqlDueWork(em).claim(WorkKind.USAGE_RECONCILIATION, 10, NOW, Duration.ofMinutes(5), "server-1");
            new SqlUsageWindows(em).record(key, 9, 5, ReconciliationStatus.CORRECTED, NOW, NOW);
            new SqlDueWork(em).complete(WorkKind.USAGE_RECONCILIATION, key, "server-1", Optional.of("corrected"), NOW);
            new SqlUsageWindows(em).recheck(key, NOW.plus(Duration.ofHours(2)));
            return null;
        });

        assertThat(claim(db, em -> new SqlDueWork(em).claim(WorkKind.USAGE_RECONCILIATION, 10, NOW.plusSeconds(60),
                Duration.ofMinutes(5), "server-1"))).as("not before its time").isEmpty();
        assertThat(claim(db, em -> new SqlDueWork(em).claim(WorkKind.USAGE_RECONCILIATION, 10, NOW.plus(Duration.ofHours(2)),
                Duration.ofMinutes(5), "server-1"))).extracting(DueWork.Claim::key).containsExactly(key);
    }

    @ParameterizedTest(autoCloseArguments = false)
    @MethodSource("databases")
    void a_round_queues_the_hours_of_reports_sent_lately_however_old_their_events_and_not_those_sent_long_ago(
            TestDatabase db) {
        Instant tenDaysAgo = TEN.minus(Duration.ofDays(10));
        report(db, "backdated", 4, tenDaysAgo.plusSeconds(60), "SENT", NOW.minus(Duration.ofHours(3)));
        report(db, "long-ago", 2, TEN.minus(Duration.ofDays(3)).plusSeconds(60), "SENT", TEN.minus(Duration.ofDays(3)).plusSeconds(61));

        int queued = on(db, windows -> windows.queueClosed(TEN.minus(Duration.ofDays(35)), TEN, NOW.minus(Duration.ofHours(48)), NOW));

        assertThat(queued).isEqualTo(1);
        assertThat(db.count("select count(*) from usage_window where window_key = '" + UsageWindow.keyOf(JANE, tenDaysAgo) + "'"))
                .isEqualTo(1);
    }
}
