package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.WorkerIdentity;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.usage.port.in.ReportUsage;
import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.logging.Logger;

/**
 * Forms reports from recorded executions and sends them to Stripe's meter, outside any transaction. A report covers
 * all of a customer's executions older than the aggregation window ({@code BILLING_USAGE_AGGREGATION_MS}), so the
 * number of meter events follows the number of customers, not of executions. While Stripe is
 * down, slow or rate-limiting, nothing is lost: reports wait and are retried with backoff, and the backlog drains
 * when Stripe returns. A report Stripe refuses (too old, unknown customer) is kept as failed for operators.
 */
@ApplicationScoped
class ReportUsageService implements ReportUsage {

    private static final Logger LOG = Logger.getLogger(ReportUsageService.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int MAX_ROUNDS = 1000;

    private final UsageReportOutbox outbox;
    private final BillingMeter meter;
    private final UsageSettings settings;
    private final InTransaction tx;
    private final Clock clock;
    private final WorkerIdentity worker;
    private final Executor senders;
    private final AuditTrail audit;

    /**
     * @param senders runs the Stripe calls of one round side by side ({@code settings.concurrency()} at a time): a
     *        Stripe answering in 200 ms would otherwise cap a server at five reports a second
     */
    @Inject
    ReportUsageService(UsageReportOutbox outbox, BillingMeter meter, UsageSettings settings, InTransaction tx, Clock clock,
            WorkerIdentity worker, Executor senders, AuditTrail audit) {
        this.outbox = outbox;
        this.meter = meter;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
        this.worker = worker;
        this.senders = senders;
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

    /** Claims the due reports and sends them, {@code settings.concurrency()} at a time. */
    private Round send(int grouped) {
        List<UsageReport> due = tx.call(() -> outbox.claimDue(settings.batchSize(), clock.now(), settings.claimLease(), worker.id()));
        AtomicInteger sent = new AtomicInteger();
        int lanes = Math.min(settings.concurrency(), due.size());
        List<CompletableFuture<Void>> running = IntStream.range(0, lanes)
                .mapToObj(lane -> CompletableFuture.runAsync(() -> {
                    for (int i = lane; i < due.size(); i += lanes) {
                        if (send(due.get(i))) {
                            sent.incrementAndGet();
                        }
                    }
                }, senders))
                .toList();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return new Round(grouped, sent.get(), due.size() - sent.get());
    }

    @Override
    public Round reportNow(String operator) {
        tx.call(() -> {
            outbox.makeDueNow(clock.now());
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

    private boolean send(UsageReport report) {
        try {
            meter.report(report);
            tx.call(() -> {
                outbox.sent(report.identifier(), worker.id(), clock.now());
                return null;
            });
            return true;
        } catch (PaymentGatewayException.Rejected refused) {
            LOG.severe(() -> "Stripe refused usage report " + report.identifier() + " of " + report.customer() + " ("
                    + report.value() + " executions): " + refused.getMessage() + "; it waits for an operator");
            fail(report, "refused by Stripe: " + refused.getMessage(), Optional.empty());
            return false;
        } catch (PaymentGatewayException.Unavailable unavailable) {
            Duration backoff = backoff(report.attempts(), unavailable.retryAfter());
            LOG.warning(() -> "Usage report " + report.identifier() + " not sent (" + unavailable.getMessage()
                    + "); retrying in " + backoff.toSeconds() + " s");
            fail(report, unavailable.getMessage(), Optional.of(clock.now().plus(backoff)));
            return false;
        }
    }

    private void fail(UsageReport report, String error, Optional<Instant> retryAt) {
        tx.call(() -> {
            outbox.failed(report.identifier(), worker.id(), error, retryAt, clock.now());
            return null;
        });
    }

    static Duration backoff(int attempts, Duration atLeast) {
        Duration exponential = Duration.ofSeconds(1L << Math.min(Math.max(attempts - 1, 0), 9));
        Duration wait = exponential.compareTo(atLeast) < 0 ? atLeast : exponential;
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
