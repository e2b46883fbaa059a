package com.agentmarket.billing.adapter.in.operations;

import com.agentmarket.billing.application.flag.port.in.ReviewFlags;
import com.agentmarket.billing.application.reconciliation.port.in.ReconcileUsage;
import com.agentmarket.billing.application.usage.UsageBacklog;
import com.agentmarket.billing.application.usage.port.in.InspectUsageBacklog;
import com.agentmarket.billing.application.work.WorkBacklog;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.port.in.InspectDueWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The backlogs of every kind of due work and of unreported usage, read from the database at most every few seconds, for metrics and health. Warns
 * operators when usage waits long: Stripe deduplicates meter events for about 24 hours and accepts them up to 35
 * days old, so a backlog of hours is a problem to fix long before either limit.
 */
@ApplicationScoped
public class Backlogs {

    private static final Logger LOG = Logger.getLogger(Backlogs.class.getName());
    private static final Duration FRESH = Duration.ofSeconds(5);
    static final Duration USAGE_AGE_WARNING = Duration.ofHours(6);
    private static final Duration WARN_EVERY = Duration.ofMinutes(10);

    private final InspectUsageBacklog usage;
    private final InspectDueWork work;
    private final ReviewFlags flags;
    private final ReconcileUsage reconciliation;
    private volatile Snapshot snapshot;
    private Instant lastWarning = Instant.EPOCH;

    /**
     * The backlogs at {@code at}, the flags no operator has resolved yet, and the executions by which our reported
     * usage and Stripe's meter differ (reconciliation).
     */
    public record Snapshot(Instant at, UsageBacklog usage, List<WorkBacklog> work, long openFlags, long usageDrift) {

        public WorkBacklog of(WorkKind kind) {
            return work.stream().filter(backlog -> backlog.kind() == kind).findFirst().orElseThrow();
        }

        public WorkBacklog webhooks() {
            return of(WorkKind.WEBHOOK_EVENT);
        }

        public long usageAgeSeconds() {
            return usage.oldest().map(oldest -> Math.max(0, Duration.between(oldest, at).toSeconds())).orElse(0L);
        }

        public long webhookAgeSeconds() {
            return webhooks().oldestAgeSeconds(at);
        }

        public Optional<String> warning() {
            if (usageAgeSeconds() > USAGE_AGE_WARNING.toSeconds()) {
                return Optional.of("usage has waited " + Duration.ofSeconds(usageAgeSeconds()).toHours() + " h for Stripe: "
                        + "meter events are deduplicated for about 24 h and accepted up to 35 days old");
            }
            long notificationsDead = of(WorkKind.NOTIFICATION).dead();
            if (usage.failedReports() > 0 || webhooks().dead() > 0 || notificationsDead > 0 || openFlags > 0) {
                return Optional.of(usage.failedReports() + " usage report(s) refused by Stripe, " + webhooks().dead()
                        + " dead webhook event(s), " + notificationsDead + " undeliverable notification(s) and " + openFlags
                        + " open flag(s) wait for an operator");
            }
            if (usageDrift > 0) {
                return Optional.of("reported usage and Stripe's meter differ by " + usageDrift + " execution(s): see "
                        + "GET /api/v1/admin/usage/reconciliation");
            }
            return Optional.empty();
        }
    }

    @Inject
    public Backlogs(InspectUsageBacklog usage, InspectDueWork work, ReviewFlags flags, ReconcileUsage reconciliation) {
        this.usage = usage;
        this.work = work;
        this.flags = flags;
        this.reconciliation = reconciliation;
    }

    /** For CDI's client proxy. */
    protected Backlogs() {
        this(null, null, null, null);
    }

    /**
     * The backlogs, read again when the last reading is older than a few seconds. One caller reads while the others
     * wait for its answer, so a scrape and a probe arriving together query once. When the database cannot answer,
     * the last reading stands (its {@code at} tells how old it is) rather than failing every metric of the scrape;
     * empty when there was none yet. Never throws: a health check that throws makes Liberty drop every check from
     * the readiness answer, the database's included.
     */
    public Optional<Snapshot> now() {
        Snapshot current = snapshot;
        return current != null && isFresh(current) ? Optional.of(current) : refresh();
    }

    private synchronized Optional<Snapshot> refresh() {
        Snapshot current = snapshot;
        if (current != null && isFresh(current)) {
            return Optional.of(current);
        }
        Instant now = Instant.now();
        try {
            current = new Snapshot(now, usage.backlog(), work.backlogs(), flags.countOpen(), reconciliation.drift());
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "backlogs unreadable" + (current == null ? "" : ", keeping the reading of "
                    + current.at()) + ": " + unreadable);
            return Optional.ofNullable(current);
        }
        snapshot = current;
        Optional<String> warning = current.warning();
        if (warning.isPresent() && lastWarning.plus(WARN_EVERY).isBefore(now)) {
            lastWarning = now;
            LOG.warning("BILLING BACKLOG: " + warning.get());
        }
        return Optional.of(current);
    }

    private static boolean isFresh(Snapshot snapshot) {
        return !snapshot.at().plus(FRESH).isBefore(Instant.now());
    }
}
