package com.agentmarket.billing.application.reconciliation;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.reconciliation.port.in.ReconcileUsage;
import com.agentmarket.billing.application.reconciliation.port.out.UsageWindows;
import com.agentmarket.billing.application.shared.Fingerprint;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.MeterWindow;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.work.DueWorkHandler;
import com.agentmarket.billing.application.work.DueWorkRunner;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkOutcome;
import com.agentmarket.billing.domain.usage.ReconciliationStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares, for each customer and closed hour, the executions our reports carried to Stripe with what Stripe's meter
 * summed for that hour ({@code event_summaries}, grouped by hour), as due work: safe with several servers, retried
 * while Stripe is unreachable. An hour is compared once its reports are all sent and Stripe had time to aggregate
 * them ({@link ReconciliationSettings#lag}); a report sent later opens it again. Differences are stored with both
 * figures, counted, and listed for operators.
 */
@ApplicationScoped
class ReconcileUsageService implements ReconcileUsage, DueWorkHandler<UsageWindow> {

    private static final int MAX_ROUNDS = 1000;
    /**
     * Each round queues the closed hours of the reports sent this recently (any hour within Stripe's 35 days, so
     * back-dated usage too): far enough back that a server down for a day misses none; an operator's run covers
     * anything older.
     */
    private static final Duration RECENTLY_SENT = Duration.ofHours(48);
    /** Stripe cancels a meter event only within this long of receiving it. */
    private static final Duration STRIPE_CANCEL_WINDOW = Duration.ofHours(24);
    /** An hour whose reports are still being sent is looked at again after this. */
    private static final Duration STILL_SENDING_RETRY = Duration.ofMinutes(5);

    private final UsageWindows windows;
    private final BillingMeter meter;
    private final ReconciliationSettings settings;
    private final DueWorkRunner runner;
    private final InTransaction tx;
    private final Clock clock;
    private final AuditTrail audit;

    @Inject
    ReconcileUsageService(UsageWindows windows, BillingMeter meter, ReconciliationSettings settings, DueWorkRunner runner,
            InTransaction tx, Clock clock, AuditTrail audit) {
        this.windows = windows;
        this.meter = meter;
        this.settings = settings;
        this.runner = runner;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
    }

    /** For CDI's client proxy. */
    protected ReconcileUsageService() {
        this(null, null, null, null, null, null, null);
    }

    @Override
    public Run reconcileDue() {
        Instant now = clock.now();
        Instant closed = now.minus(settings.lag()).truncatedTo(ChronoUnit.HOURS);
        int queued = tx.call(() -> windows.queueClosed(oldestComparable(now), closed, now.minus(RECENTLY_SENT), now));
        DueWorkRunner.Round round = runner.runDue(this);
        return new Run(queued, round.done(), round.failed(), drift());
    }

    @Override
    public Run reconcile(Instant from, Instant to, String operator) {
        Instant now = clock.now();
        Instant start = latest(from, oldestComparable(now)).truncatedTo(ChronoUnit.HOURS);
        Instant end = earliest(wholeHourAtOrAfter(to), now.minus(settings.lag()).truncatedTo(ChronoUnit.HOURS));
        int queued = tx.call(() -> {
            audit.record(new AuditTrail.Entry(now, operator, "usage.reconcile", "usage " + start + " .. " + end,
                    Optional.empty()));
            return windows.queueClosed(start, end, Instant.EPOCH, now) + windows.makeDue(start, end, now);
        });
        int compared = 0;
        int failed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            DueWorkRunner.Round next = runner.runDue(this);
            compared += next.done();
            failed += next.failed();
            if (next.claimed() == 0 || next.done() == 0) {
                break;
            }
        }
        return new Run(queued, compared, failed, drift());
    }

    @Override
    public Page<UsageWindow> windows(Instant from, Instant to, int page, int size) {
        return tx.call(() -> windows.list(from, to, page, size));
    }

    /** Over the hours Stripe still takes events for: older differences can no longer be changed at Stripe. */
    @Override
    public long drift() {
        Instant since = oldestComparable(clock.now());
        return tx.call(() -> windows.drift(since));
    }

    private static Instant wholeHourAtOrAfter(Instant instant) {
        Instant hour = instant.truncatedTo(ChronoUnit.HOURS);
        return hour.equals(instant) ? hour : hour.plus(1, ChronoUnit.HOURS);
    }

    private Instant oldestComparable(Instant now) {
        return now.minus(settings.maxAge()).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * The correct mode's repair of a difference, with what it became. A shortfall at Stripe is sent as a meter event
     * in the same hour under an identifier fixed by the window and both figures, so a repeated correction of the
     * same difference is the same event to Stripe. An excess is cancelled when it is exactly a report of the hour that
     * was sent more than once and last reached Stripe less than 24 hours ago (Stripe cancels only such events, by
     * identifier); any other excess needs an operator. A window once corrected stays {@code corrected} while it matches.
     */
    private ReconciliationStatus correct(UsageWindow window, long ours, long stripe, ReconciliationStatus compared) {
        switch (compared) {
            case MATCHED:
                return window.status().filter(ReconciliationStatus.CORRECTED::equals).isPresent()
                        ? ReconciliationStatus.CORRECTED : ReconciliationStatus.MATCHED;
            case MISSING_AT_STRIPE:
                if (window.status().filter(ReconciliationStatus.CORRECTED::equals).isPresent()
                        && window.ours().equals(Optional.of(ours)) && window.stripe().equals(Optional.of(stripe))) {
                    return ReconciliationStatus.NEEDS_OPERATOR; // the same difference after its correction: it did not land
                }
                try {
                    meter.report(new UsageReport(correctionOf(window, ours, stripe), window.customer(),
                            window.stripeCustomer(), ours - stripe, window.end().minusSeconds(1), 1));
                } catch (PaymentGatewayException.Rejected refused) {
                    return ReconciliationStatus.NEEDS_OPERATOR;
                }
                return ReconciliationStatus.CORRECTED;
            case EXTRA_AT_STRIPE:
                Instant cancellable = clock.now().minus(STRIPE_CANCEL_WINDOW);
                Optional<UsageWindows.SentReport> twice = tx.call(() -> windows.sentIn(window.customer(), window.start(),
                        window.end())).stream().filter(report -> report.value() == stripe - ours && report.attempts() > 1
                                && report.sentAt().isAfter(cancellable)).findFirst();
                if (twice.isEmpty()) {
                    return ReconciliationStatus.NEEDS_OPERATOR;
                }
                try {
                    meter.cancel(twice.get().identifier());
                } catch (PaymentGatewayException.Rejected tooOld) {
                    return ReconciliationStatus.NEEDS_OPERATOR;
                }
                return ReconciliationStatus.CORRECTED;
            default:
                return compared;
        }
    }

    /**
     * The meter event identifier of the correction of this difference: the same window and figures give the same
     * identifier (a repeated correction is the same event to Stripe), within Stripe's 100 characters whatever the
     * customer id's length.
     */
    static String correctionOf(UsageWindow window, long ours, long stripe) {
        return "reconcile-" + Fingerprint.of(window.key(), Long.toString(ours), Long.toString(stripe));
    }

    /** A corrected window whose figures still differ is compared again once Stripe had time to sum the correction. */
    @Override
    public void completed(String key, UsageWindow window) {
        windows.find(List.of(key)).stream()
                .filter(now -> now.status().filter(ReconciliationStatus.CORRECTED::equals).isPresent())
                .filter(now -> !now.ours().equals(now.stripe()))
                .forEach(now -> windows.recheck(key, clock.now().plus(settings.lag())));
    }

    @Override
    public WorkKind kind() {
        return WorkKind.USAGE_RECONCILIATION;
    }

    @Override
    public Map<String, UsageWindow> load(Collection<String> keys) {
        return windows.find(keys).stream().collect(Collectors.toMap(UsageWindow::key, Function.identity()));
    }

    @Override
    public WorkOutcome perform(UsageWindow window, int attempts) {
        Instant read = clock.now();
        UsageWindows.Reported reported = tx.call(() -> windows.reported(window.customer(), window.start(), window.end()));
        if (reported.stillSending() > 0) {
            return new WorkOutcome.RetryLater(reported.stillSending() + " report(s) of this hour are still being sent",
                    STILL_SENDING_RETRY);
        }
        Optional<Instant> summed = reported.lastSent().map(sent -> sent.plus(settings.lag())).filter(read::isBefore);
        if (summed.isPresent()) {
            return new WorkOutcome.RetryLater("a report of this hour reached Stripe at " + reported.lastSent().get()
                    + "; its summary may not show it before " + summed.get(), Duration.between(read, summed.get()));
        }
        long stripe;
        try {
            stripe = meter.hourlyTotals(window.stripeCustomer(), window.start(), window.end()).stream()
                    .mapToLong(MeterWindow::value).sum();
        } catch (PaymentGatewayException.Unavailable unavailable) {
            return new WorkOutcome.RetryLater(String.valueOf(unavailable.getMessage()), unavailable.retryAfter());
        } catch (PaymentGatewayException.Rejected refused) {
            return new WorkOutcome.GiveUp("Stripe refused the meter summary: " + refused.getMessage());
        }
        ReconciliationStatus compared = ReconciliationStatus.compare(reported.sent(), stripe);
        ReconciliationStatus status;
        try {
            status = settings.mode() == ReconciliationSettings.Mode.CORRECT ? correct(window, reported.sent(), stripe, compared)
                    : compared;
        } catch (PaymentGatewayException.Unavailable unavailable) {
            return new WorkOutcome.RetryLater(String.valueOf(unavailable.getMessage()), unavailable.retryAfter());
        }
        Instant at = clock.now();
        tx.call(() -> {
            windows.record(window.key(), reported.sent(), stripe, status, read, at);
            return null;
        });
        return new WorkOutcome.Done(Optional.of(status.code()));
    }
}
