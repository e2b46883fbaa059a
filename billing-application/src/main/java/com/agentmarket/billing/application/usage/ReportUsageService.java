package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.reconciliation.port.out.UsageWindows;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.usage.port.in.ReportUsage;
import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.MeterWindow;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import com.agentmarket.billing.application.work.DueWorkHandler;
import com.agentmarket.billing.application.work.DueWorkRunner;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkOutcome;
import com.agentmarket.billing.application.work.port.out.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    /**
     * Stripe deduplicates a meter event's identifier for about 24 hours: a report still unconfirmed this long after it
     * was queued may have reached Stripe with its answer lost, and a resend could count twice. It is checked against
     * the meter's summary of its hour first.
     */
    static final Duration CHECK_BEFORE_RESENDING_AFTER = Duration.ofHours(20);

    private final UsageReportOutbox outbox;
    private final BillingMeter meter;
    private final UsageSettings settings;
    private final DueWorkRunner runner;
    private final DueWork work;
    private final InTransaction tx;
    private final Clock clock;
    private final AuditTrail audit;
    private final UsageWindows windows;

    @Inject
    ReportUsageService(UsageReportOutbox outbox, BillingMeter meter, UsageSettings settings, DueWorkRunner runner,
            DueWork work, InTransaction tx, Clock clock, AuditTrail audit, UsageWindows windows) {
        this.outbox = outbox;
        this.meter = meter;
        this.settings = settings;
        this.runner = runner;
        this.work = work;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.windows = windows;
    }

    /** For CDI's client proxy. */
    protected ReportUsageService() {
        this(null, null, null, null, null, null, null, null, null);
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
        if (!report.timestamp().isAfter(clock.now().minus(BillingMeter.OLDEST_EVENT))) {
            return new WorkOutcome.GiveUp("older than the " + BillingMeter.OLDEST_EVENT.toDays() + " days Stripe takes meter "
                    + "events for: bill its " + report.value() + " execution(s) by hand (an invoice item at the metered "
                    + "price on the customer's next invoice) or write them off");
        }
        try {
            if (attempts > 1 && report.queuedAt().isBefore(clock.now().minus(CHECK_BEFORE_RESENDING_AFTER))) {
                Optional<WorkOutcome> settled = settledAtStripe(report, attempts);
                if (settled.isPresent()) {
                    return settled.get();
                }
            }
            meter.report(report);
            return WorkOutcome.done();
        } catch (PaymentGatewayException.Rejected refused) {
            return new WorkOutcome.GiveUp("refused by Stripe: " + refused.getMessage());
        } catch (PaymentGatewayException.Unavailable unavailable) {
            return new WorkOutcome.RetryLater(String.valueOf(unavailable.getMessage()), unavailable.retryAfter());
        }
    }

    /**
     * A long-unconfirmed report against what the meter summed for its hour: by how much Stripe exceeds the reports of
     * the hour it confirmed. Nothing: none of the hour's tried reports reached Stripe, so this one is sent. All of the
     * tried ones (reports never tried cannot be there): this one is there too, and is marked sent without sending.
     * Part: which ones reached Stripe cannot be told from a sum; the report is left to an operator rather than risk
     * counting it twice.
     */
    private Optional<WorkOutcome> settledAtStripe(UsageReport report, int attempts) {
        Instant hour = report.timestamp().truncatedTo(ChronoUnit.HOURS);
        Instant end = hour.plus(1, ChronoUnit.HOURS);
        long atStripe;
        try {
            atStripe = meter.hourlyTotals(report.stripeCustomer(), hour, end).stream().mapToLong(MeterWindow::value).sum();
        } catch (PaymentGatewayException.Rejected unreadable) {
            // Without the summary nothing tells whether Stripe has it: wait rather than risk a second count.
            return Optional.of(new WorkOutcome.RetryLater("the meter's summary of " + hour + " cannot be read: "
                    + unreadable.getMessage(), Duration.ofMinutes(5)));
        }
        UsageWindows.Reported ours = tx.call(() -> windows.reported(report.customer(), hour, end));
        long unconfirmedAtStripe = atStripe - ours.sent();
        if (unconfirmedAtStripe <= 0) {
            return Optional.empty();
        }
        if (unconfirmedAtStripe >= ours.triedValue()) {
            return Optional.of(new WorkOutcome.Done(Optional.of("already at Stripe: found in the meter's summary of "
                    + hour + " after " + attempts + " attempts; not sent again")));
        }
        return Optional.of(new WorkOutcome.GiveUp("partly at Stripe already: the meter has " + unconfirmedAtStripe
                + " of the " + ours.triedValue() + " executions of " + hour + " tried and still unconfirmed; reconcile "
                + "the hour (GET /api/v1/admin/usage/reconciliation) instead of sending it again"));
    }
}
