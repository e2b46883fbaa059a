package com.agentmarket.billing.application.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.FixedClock;
import com.agentmarket.billing.application.fakes.InMemoryUsageReportOutbox.State;
import com.agentmarket.billing.application.fakes.InMemoryUsageReportOutbox;
import com.agentmarket.billing.application.fakes.TestWork;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.work.DueWorkSettings;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkSettings;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportUsageServiceTest {

    private final InMemoryUsageReportOutbox outbox = new InMemoryUsageReportOutbox();
    private final FixedClock clock = FixedClock.at("2026-08-20T12:00:00Z");
    private final com.agentmarket.billing.application.fakes.InMemoryUsageWindows windows =
            new com.agentmarket.billing.application.fakes.InMemoryUsageWindows(outbox.work());
    private final com.agentmarket.billing.application.fakes.FakeMeter meter =
            new com.agentmarket.billing.application.fakes.FakeMeter();
    private final DueWorkSettings work = TestWork.settings().with(WorkKind.USAGE_REPORT, new WorkSettings(Duration.ofSeconds(1),
            500, Duration.ofMinutes(2), 4, TestWork.settings().of(WorkKind.USAGE_REPORT).retry()));
    private final ReportUsageService service = new ReportUsageService(outbox, meter, new UsageSettings(500, Duration.ZERO),
            TestWork.runner(outbox.work(), work, clock), outbox.work(), new InTransaction(), clock,
            new com.agentmarket.billing.application.fakes.InMemoryAuditTrail(), windows);

    private void queue(String identifier, String customer, long value) {
        outbox.enqueue(new UsageReport(identifier, new CustomerId(customer), new StripeCustomerId("cus_" + customer), value,
                Instant.parse("2026-08-20T11:59:00Z"), 0), "request-" + identifier, clock.now());
    }

    @Test
    void due_reports_are_sent_once_and_marked_sent() {
        queue("usage-1", "jane", 12);
        queue("usage-2", "john", 3);

        service.reportDue();
        service.reportDue();

        assertThat(meter.accepted()).extracting(UsageReport::identifier).containsExactly("usage-1", "usage-2");
        assertThat(outbox.state("usage-1")).isEqualTo(State.SENT);
    }

    @Test
    void one_call_per_customer_at_a_time() {
        queue("usage-1", "jane", 12);
        queue("usage-2", "jane", 3);

        service.reportDue();

        assertThat(meter.accepted()).extracting(UsageReport::identifier).containsExactly("usage-1");
    }

    @Test
    void while_stripe_is_down_nothing_is_lost_and_the_backlog_drains_when_it_returns() {
        queue("usage-1", "jane", 12);
        meter.failWith(new PaymentGatewayException.Unavailable("down", Duration.ofSeconds(2), null));

        service.reportDue();
        assertThat(outbox.state("usage-1")).isEqualTo(State.PENDING);
        assertThat(service.reportDue().sent()).as("waits for its backoff").isZero();

        meter.failWith(null);
        clock.advance(Duration.ofSeconds(2));
        service.reportDue();

        assertThat(meter.accepted()).extracting(UsageReport::identifier).containsExactly("usage-1");
        assertThat(meter.accepted().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void a_report_stripe_refuses_waits_for_an_operator() {
        queue("usage-1", "jane", 12);
        meter.failWith(new PaymentGatewayException.Rejected(PaymentGatewayException.Rejected.Kind.INVALID_REQUEST,
                "timestamp too far in the past", null));

        service.reportDue();

        assertThat(outbox.state("usage-1")).isEqualTo(State.FAILED);
    }

    /** The report's first send reached Stripe, but its answer was lost: it waits to be sent again. */
    private UsageReport sentWithItsAnswerLost(String identifier, long value) {
        queue(identifier, "jane", value);
        meter.losesNextAnswer(new PaymentGatewayException.Unavailable("connection reset", Duration.ofSeconds(1), null));
        service.reportDue();
        assertThat(outbox.state(identifier)).isEqualTo(State.PENDING);
        UsageReport tried = outbox.find(List.of(identifier)).get(0);
        windows.sending(tried);
        return tried;
    }

    @Test
    void a_report_stuck_for_25_hours_that_stripe_already_has_is_marked_sent_not_sent_again() {
        sentWithItsAnswerLost("usage-1", 12);
        clock.advance(Duration.ofHours(25));
        meter.forgetsIdentifiers();

        service.reportDue();

        assertThat(outbox.state("usage-1")).isEqualTo(State.SENT);
        assertThat(meter.accepted()).as("sent once, never again").hasSize(1);
        assertThat(meter.hourlyTotals(new StripeCustomerId("cus_jane"), Instant.parse("2026-08-20T11:00:00Z"),
                Instant.parse("2026-08-20T12:00:00Z"))).singleElement().satisfies(hour -> assertThat(hour.value()).isEqualTo(12));
    }

    @Test
    void a_report_unconfirmed_for_20_hours_that_never_reached_stripe_is_sent() {
        queue("usage-1", "jane", 12);
        windows.sending(outbox.find(List.of("usage-1")).get(0));
        meter.failWith(new PaymentGatewayException.Unavailable("down", Duration.ofSeconds(1), null));
        service.reportDue();
        meter.failWith(null);
        clock.advance(Duration.ofHours(21));

        service.reportDue();

        assertThat(outbox.state("usage-1")).isEqualTo(State.SENT);
        assertThat(meter.accepted()).hasSize(1);
    }

    @Test
    void a_report_resent_within_20_hours_is_simply_sent_again_under_its_identifier() {
        sentWithItsAnswerLost("usage-1", 12);
        clock.advance(Duration.ofMinutes(5));

        service.reportDue();

        assertThat(meter.accepted()).as("Stripe deduplicates it").hasSize(2)
                .extracting(UsageReport::identifier).containsOnly("usage-1");
        assertThat(meter.hourlyTotals(new StripeCustomerId("cus_jane"), Instant.parse("2026-08-20T11:00:00Z"),
                Instant.parse("2026-08-20T12:00:00Z"))).singleElement().satisfies(hour -> assertThat(hour.value()).isEqualTo(12));
    }

    @Test
    void usage_older_than_stripes_35_days_is_not_sent_but_left_to_an_operator() {
        outbox.enqueue(new UsageReport("usage-old", new CustomerId("jane"), new StripeCustomerId("cus_jane"), 7,
                clock.now().minus(Duration.ofDays(35)), 0), "request-old", clock.now());

        service.reportDue();

        assertThat(outbox.state("usage-old")).isEqualTo(State.FAILED);
        assertThat(meter.accepted()).isEmpty();
        assertThat(outbox.work().item(WorkKind.USAGE_REPORT, "usage-old").orElseThrow().note())
                .hasValueSatisfying(note -> assertThat(note).contains("35 days", "by hand"));
    }
}
