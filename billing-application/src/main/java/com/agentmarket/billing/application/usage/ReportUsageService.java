package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.usage.port.in.ReportUsage;
import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import com.agentmarket.billing.application.work.DueWorkHandler;
import com.agentmarket.billing.application.work.DueWorkRunner;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkOutcome;
import com.agentmarket.billing.application.work.port.out.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Forms reports from recorded executions and sends them to Stripe's meter as due work, outside any transaction. A
 * report covers all of a customer's executions older than the aggregation window ({@code BILLING_USAGE_AGGREGATION_MS}),
 * so the number of meter events follows the number of customers, not of executions. While Stripe is down, slow or
 * rate-limiting, nothing is lost: reports wait and are retried with backoff (never given up), and the backlog drains
 * when Stripe returns. A report Stripe refuses (too old, unknown customer) is given up for operators at once.
 */
@ApplicationScoped
class ReportUsageService implements ReportUsage, DueWorkHandler<UsageReport> {

    private static final int MAX_ROUNDS = 1000;

    private final UsageReportOutbox outbox;
    private final BillingMeter meter;
    private final UsageSettings settings;
    private final DueWorkRunner runner;
    private final DueWork work;
    private final InTransaction tx;
    private final Clock clock;
    private final AuditTrail audit;

    @Inject
    ReportUsageService(UsageReportOutbox outbox, BillingMeter meter, UsageSettings settings, DueWorkRunner runner,
            DueWork work, InTransaction tx, Clock clock, AuditTrail audit) {
        this.outbox = outbox;
        this.meter = meter;
        this.settings = settings;
        this.runner = runner;
        this.work = work;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
    }

    /** For CDI's client proxy. */
    protected ReportUsageService() {
        this(null, null, null, null, null, null, null, null);
    }

    @Override
    public Round reportDue() {
        Instant now = clock.now();
        int grouped = tx.call(() -> outbox.formReports(settings.batchSize(), now.minus(settings.aggregation()), now));
        return send(grouped);
    }

    private Round send(int grouped) {
        DueWorkRunner.Round round = runner.runDue(this);
        return new Round(grouped, round.done(), round.failed());
    }

    @Override
    public Round reportNow(String operator) {
        tx.call(() -> {
            work.makeDue(WorkKind.USAGE_REPORT, clock.now());
            audit.record(new AuditTrail.Entry(clock.now(), operator, "usage.report-now", "usage", Optional.empty()));
            return null;
        });
        Round total = new Round(0, 0, 0);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.now();
            int grouped = tx.call(() -> outbox.formReports(settings.batchSize(), now, now));
            Round next = send(grouped);
            total = total.plus(next);
            if (next.sent() == 0 && next.executionsGrouped() == 0) {
                break;
            }
        }
        return total;
    }

    @Override
    public WorkKind kind() {
        return WorkKind.USAGE_REPORT;
    }

    @Override
    public Map<String, UsageReport> load(Collection<String> identifiers) {
        return outbox.find(identifiers).stream().collect(Collectors.toMap(UsageReport::identifier, Function.identity()));
    }

    @Override
    public WorkOutcome perform(UsageReport report, int attempts) {
        try {
            meter.report(report);
            return WorkOutcome.done();
        } catch (PaymentGatewayException.Rejected refused) {
            return new WorkOutcome.GiveUp("refused by Stripe: " + refused.getMessage());
        } catch (PaymentGatewayException.Unavailable unavailable) {
            return new WorkOutcome.RetryLater(String.valueOf(unavailable.getMessage()), unavailable.retryAfter());
        }
    }

    @Override
    public void completed(String identifier, UsageReport report) {
        outbox.markReported(identifier);
    }
}
