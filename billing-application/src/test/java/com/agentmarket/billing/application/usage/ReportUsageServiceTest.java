package com.agentmarket.billing.application.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.FixedClock;
import com.agentmarket.billing.application.fakes.InMemoryUsageReportOutbox.State;
import com.agentmarket.billing.application.fakes.InMemoryUsageReportOutbox;
import com.agentmarket.billing.application.fakes.TestWork;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.work.DueWorkSettings;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkSettings;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportUsageServiceTest {

    private final InMemoryUsageReportOutbox outbox = new InMemoryUsageReportOutbox();
    private final FixedClock clock = FixedClock.at("2026-08-20T12:00:00Z");
    private final com.agentmarket.billing.application.fakes.FakeMeter meter =
            new com.agentmarket.billing.application.fakes.FakeMeter();
    private final DueWorkSettings work = TestWork.settings().with(WorkKind.USAGE_REPORT, new WorkSettings(Duration.ofSeconds(1),
            500, Duration.ofMinutes(2), 4, TestWork.settings().of(WorkKind.USAGE_REPORT).retry()));
    private final ReportUsageService service = new ReportUsageService(outbox, meter, new UsageSettings(500, Duration.ZERO),
            TestWork.runner(outbox.work(), work, clock), outbox.work(), new InTransaction(), clock,
            new com.agentmarket.billing.application.fakes.InMemoryAuditTrail());

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
}
