package com.agentmarket.billing.application.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.FakeMeter;
import com.agentmarket.billing.application.fakes.FixedClock;
import com.agentmarket.billing.application.fakes.InMemoryAuditTrail;
import com.agentmarket.billing.application.fakes.InMemoryDueWork;
import com.agentmarket.billing.application.fakes.InMemoryUsageWindows;
import com.agentmarket.billing.application.fakes.TestWork;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.reconciliation.port.in.ReconcileUsage;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.usage.ReconciliationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Our reported usage, hour by hour, against what Stripe's meter summed. */
class ReconcileUsageServiceTest {

    private static final CustomerId JANE = new CustomerId("jane");
    private static final StripeCustomerId CUS_JANE = new StripeCustomerId("cus_jane");
    /** An hour whose reports Stripe has had time to sum: it ended more than the two-hour lag ago. */
    private static final Instant TEN = Instant.parse("2026-08-20T10:00:00Z");

    private final FixedClock clock = FixedClock.at("2026-08-20T13:05:00Z");
    private final InMemoryDueWork work = new InMemoryDueWork();
    private final InMemoryUsageWindows windows = new InMemoryUsageWindows(work);
    private final FakeMeter meter = new FakeMeter();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private ReconcileUsageService service = serviceIn(ReconciliationSettings.Mode.REPORT);

    private ReconcileUsageService serviceIn(ReconciliationSettings.Mode mode) {
        return new ReconcileUsageService(windows, meter, new ReconciliationSettings(mode, Duration.ofHours(2),
                ReconciliationSettings.STRIPE_METER_WINDOW), TestWork.runner(work, TestWork.settings(), clock),
                new InTransaction(), clock, audit);
    }

    private int ids;

    /** The outbox sends a report of {@code value} executions stamped at {@code at} right then, and Stripe takes it. */
    private UsageReport reportSent(long value, Instant at) {
        return reportSent(value, at, at.plusSeconds(1));
    }

    private UsageReport reportSent(long value, Instant at, Instant sentAt) {
        UsageReport report = new UsageReport("usage-" + ++ids, JANE, CUS_JANE, value, at, 1);
        meter.report(report);
        windows.sent(report, sentAt);
        return report;
    }

    /** Longer than the lag: Stripe's summaries show what was sent before. */
    private static final Duration PAST_THE_LAG = Duration.ofHours(2).plusMinutes(1);

    private UsageWindow only() {
        return service.windows(TEN.minus(Duration.ofDays(1)), clock.now(), 0, 10).items().get(0);
    }

    @Test
    void an_hour_stripe_summed_like_us_is_matched() {
        reportSent(5, TEN.plusSeconds(600));
        reportSent(3, TEN.plusSeconds(3000));

        ReconcileUsage.Run run = service.reconcileDue();

        assertThat(run.queued()).isEqualTo(1);
        assertThat(run.compared()).isEqualTo(1);
        assertThat(run.drift()).isZero();
        assertThat(only().status()).contains(ReconciliationStatus.MATCHED);
        assertThat(only().ours()).contains(8L);
        assertThat(only().stripe()).contains(8L);
        assertThat(only().start()).isEqualTo(TEN);
        assertThat(only().end()).isEqualTo(TEN.plusSeconds(3600));
    }

    @Test
    void an_event_stripe_lost_is_missing_at_stripe_and_counted_as_drift() {
        reportSent(5, TEN.plusSeconds(600));
        meter.dropsNext();
        reportSent(3, TEN.plusSeconds(1200));

        ReconcileUsage.Run run = service.reconcileDue();

        assertThat(only().status()).contains(ReconciliationStatus.MISSING_AT_STRIPE);
        assertThat(only().stripe()).contains(5L);
        assertThat(run.drift()).isEqualTo(3);
        assertThat(service.drift()).isEqualTo(3);
    }

    @Test
    void an_event_stripe_counted_twice_is_extra_at_stripe() {
        meter.duplicatesNext();
        reportSent(4, TEN.plusSeconds(600));

        service.reconcileDue();

        assertThat(only().status()).contains(ReconciliationStatus.EXTRA_AT_STRIPE);
        assertThat(only().stripe()).contains(8L);
        assertThat(service.drift()).isEqualTo(4);
    }

    @Test
    void an_hour_within_stripes_aggregation_lag_is_not_compared_yet() {
        reportSent(5, Instant.parse("2026-08-20T11:30:00Z"));

        assertThat(service.reconcileDue().queued()).isZero();

        clock.advance(Duration.ofHours(1));
        assertThat(service.reconcileDue().compared()).isEqualTo(1);
    }

    @Test
    void an_hour_with_a_report_still_on_its_way_waits_for_it() {
        reportSent(5, TEN.plusSeconds(600));
        UsageReport late = new UsageReport("usage-late", JANE, CUS_JANE, 2, TEN.plusSeconds(700), 0);
        windows.sending(late);

        ReconcileUsage.Run first = service.reconcileDue();
        assertThat(first.compared()).isZero();
        assertThat(work.item(WorkKind.USAGE_RECONCILIATION, UsageWindow.keyOf(JANE, TEN)).orElseThrow().note())
                .hasValueSatisfying(note -> assertThat(note).contains("still being sent"));

        meter.report(late);
        windows.sent(late, clock.now());
        clock.advance(Duration.ofMinutes(5));
        assertThat(service.reconcileDue().compared()).as("sent moments ago: Stripe may not have summed it yet").isZero();
        clock.advance(PAST_THE_LAG);
        service.reconcileDue();
        assertThat(only().status()).contains(ReconciliationStatus.MATCHED);
        assertThat(only().ours()).contains(7L);
    }

    @Test
    void while_stripe_is_unreachable_the_hour_is_retried_not_recorded() {
        reportSent(5, TEN.plusSeconds(600));
        meter.failWith(new PaymentGatewayException.Unavailable("down", Duration.ofSeconds(30), null));

        assertThat(service.reconcileDue().failed()).isEqualTo(1);
        assertThat(service.windows(TEN, clock.now(), 0, 10).items()).isEmpty();

        meter.failWith(null);
        clock.advance(Duration.ofMinutes(2));
        assertThat(service.reconcileDue().compared()).isEqualTo(1);
        assertThat(only().status()).contains(ReconciliationStatus.MATCHED);
    }

    @Test
    void a_report_sent_into_an_hour_after_it_was_compared_opens_it_again() {
        reportSent(5, TEN.plusSeconds(600));
        service.reconcileDue();
        clock.advance(Duration.ofMinutes(10));

        reportSent(2, TEN.plusSeconds(900), clock.now());
        clock.advance(PAST_THE_LAG);
        ReconcileUsage.Run again = service.reconcileDue();

        assertThat(again.queued()).isEqualTo(1);
        assertThat(only().ours()).contains(7L);
        assertThat(only().status()).contains(ReconciliationStatus.MATCHED);
    }

    @Test
    void an_operators_run_compares_every_hour_of_the_range_again_and_is_audited() {
        reportSent(5, TEN.plusSeconds(600));
        service.reconcileDue();
        meter.dropsNext();
        // Stripe loses nothing already summed in this fake; a second hour shows the run reaches every window.
        reportSent(1, TEN.plusSeconds(3600 + 60));
        clock.advance(Duration.ofHours(1));

        ReconcileUsage.Run run = service.reconcile(TEN, clock.now(), "ops_1");

        assertThat(run.compared()).isEqualTo(2);
        assertThat(run.drift()).isEqualTo(1);
        assertThat(audit.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ops_1");
            assertThat(entry.action()).isEqualTo("usage.reconcile");
        });
        assertThat(service.windows(TEN, clock.now(), 0, 10).items().get(0).status())
                .as("differences come first").contains(ReconciliationStatus.MISSING_AT_STRIPE);
    }

    @Test
    void hours_older_than_stripes_35_days_are_not_compared() {
        reportSent(5, clock.now().minus(Duration.ofDays(36)));

        assertThat(service.reconcile(clock.now().minus(Duration.ofDays(40)), clock.now(), "ops_1").queued()).isZero();
        assertThat(service.windows(clock.now().minus(Duration.ofDays(40)), clock.now(), 0, 10).total()).isZero();
        assertThat(Optional.of(service.drift())).contains(0L);
    }

    @Test
    void in_correct_mode_a_shortfall_is_sent_in_the_same_hour_once_and_the_hour_then_matches() {
        service = serviceIn(ReconciliationSettings.Mode.CORRECT);
        reportSent(5, TEN.plusSeconds(600));
        meter.dropsNext();
        reportSent(3, TEN.plusSeconds(1200));

        service.reconcileDue();

        UsageReport correction = meter.accepted().get(meter.accepted().size() - 1);
        assertThat(correction.identifier()).isEqualTo(ReconcileUsageService.correctionOf(only(), 8, 5))
                .startsWith("reconcile-").hasSizeLessThanOrEqualTo(100);
        assertThat(correction.value()).isEqualTo(3);
        assertThat(correction.timestamp()).isBetween(TEN, TEN.plusSeconds(3599));
        assertThat(only().status()).contains(ReconciliationStatus.CORRECTED);
        assertThat(service.drift()).isZero();

        clock.advance(Duration.ofHours(2));
        service.reconcileDue();
        assertThat(only().status()).as("verified, and still shown as corrected").contains(ReconciliationStatus.CORRECTED);
        assertThat(only().stripe()).contains(8L);
        assertThat(meter.accepted()).hasSize(3);
    }

    @Test
    void in_correct_mode_a_correction_that_did_not_land_is_left_to_an_operator_not_sent_again() {
        service = serviceIn(ReconciliationSettings.Mode.CORRECT);
        meter.dropsNext();
        reportSent(3, TEN.plusSeconds(1200));
        reportSent(1, TEN.plusSeconds(1300));
        meter.dropsNext();
        service.reconcileDue();
        assertThat(only().status()).contains(ReconciliationStatus.CORRECTED);

        clock.advance(PAST_THE_LAG);
        service.reconcileDue();

        assertThat(meter.accepted().stream().map(UsageReport::identifier).filter(id -> id.startsWith("reconcile-")))
                .as("one correction, not a second").hasSize(1);
        assertThat(only().status()).contains(ReconciliationStatus.NEEDS_OPERATOR);
        assertThat(service.drift()).isEqualTo(3);
    }

    @Test
    void in_correct_mode_a_report_counted_twice_within_24_hours_is_cancelled_and_any_other_excess_needs_an_operator() {
        service = serviceIn(ReconciliationSettings.Mode.CORRECT);
        meter.duplicatesNext();
        UsageReport resent = new UsageReport("usage-resent", JANE, CUS_JANE, 4, TEN.plusSeconds(600), 2);
        meter.report(resent);
        windows.sent(resent, clock.now());
        clock.advance(PAST_THE_LAG);

        service.reconcileDue();

        assertThat(meter.cancelled()).containsExactly("usage-resent");
        assertThat(only().status()).contains(ReconciliationStatus.CORRECTED);

        UsageReport once = new UsageReport("usage-once", JANE, CUS_JANE, 2, TEN.plusSeconds(3600 + 60), 1);
        meter.duplicatesNext();
        meter.report(once);
        windows.sent(once, clock.now());
        clock.advance(PAST_THE_LAG);
        service.reconcileDue();

        UsageWindow eleven = service.windows(TEN.plusSeconds(3600), clock.now(), 0, 10).items().get(0);
        assertThat(eleven.status()).as("sent once: not ours to cancel").contains(ReconciliationStatus.NEEDS_OPERATOR);
        assertThat(meter.cancelled()).containsExactly("usage-resent");
        assertThat(service.drift()).isEqualTo(2);
    }
}
