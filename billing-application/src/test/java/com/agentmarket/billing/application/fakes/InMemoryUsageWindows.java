package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.reconciliation.UsageWindow;
import com.agentmarket.billing.application.reconciliation.port.out.UsageWindows;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.usage.ReconciliationStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciliation windows in a map, compared as due work in an {@link InMemoryDueWork}, over the reports the test says
 * were sent (or are still being sent), as the real tables are.
 */
public class InMemoryUsageWindows implements UsageWindows {

    private record Report(UsageReport report, Optional<Instant> sentAt) {
    }

    private final List<Report> reports = new ArrayList<>();
    private final Map<String, UsageWindow> windows = new LinkedHashMap<>();
    private final Map<String, Instant> compared = new LinkedHashMap<>();
    private final InMemoryDueWork work;

    public InMemoryUsageWindows(InMemoryDueWork work) {
        this.work = work;
    }

    /** The outbox sent this report to Stripe at {@code at}. */
    public synchronized void sent(UsageReport report, Instant at) {
        reports.removeIf(known -> known.report().identifier().equals(report.identifier()));
        reports.add(new Report(report, Optional.of(at)));
    }

    /** This report waits in the outbox, not sent yet. */
    public synchronized void sending(UsageReport report) {
        reports.add(new Report(report, Optional.empty()));
    }

    private static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }

    @Override
    public synchronized int queueClosed(Instant from, Instant to, Instant sentSince, Instant now) {
        int queued = 0;
        for (Report known : reports) {
            Instant at = known.report().timestamp();
            if (at.isBefore(from) || !at.isBefore(to) || known.sentAt().filter(sent -> sent.isBefore(sentSince)).isPresent()) {
                continue;
            }
            String key = UsageWindow.keyOf(known.report().customer(), hourOf(at));
            UsageWindow window = windows.get(key);
            if (window == null) {
                windows.put(key, new UsageWindow(key, known.report().customer(), known.report().stripeCustomer(), hourOf(at),
                        hourOf(at).plus(1, ChronoUnit.HOURS), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()));
                work.queue(WorkKind.USAGE_RECONCILIATION, key, hourOf(at), Optional.empty(), now);
                queued++;
            } else if (compared.containsKey(key) && known.sentAt().filter(sent -> sent.isAfter(compared.get(key)))
                    .isPresent() && work.replay(WorkKind.USAGE_RECONCILIATION, key, now)) {
                queued++;
            }
        }
        return queued;
    }

    @Override
    public synchronized int makeDue(Instant from, Instant to, Instant now) {
        int due = 0;
        for (UsageWindow window : windows.values()) {
            if (!window.start().isBefore(from) && window.start().isBefore(to)
                    && work.replay(WorkKind.USAGE_RECONCILIATION, window.key(), now)) {
                due++;
            }
        }
        return due;
    }

    @Override
    public synchronized List<UsageWindow> find(Collection<String> keys) {
        return keys.stream().filter(windows::containsKey).map(windows::get).toList();
    }

    @Override
    public synchronized Reported reported(CustomerId customer, Instant start, Instant end) {
        long sent = 0;
        long stillSending = 0;
        long triedValue = 0;
        Optional<Instant> lastSent = Optional.empty();
        for (Report known : reports) {
            Instant at = known.report().timestamp();
            if (known.report().customer().equals(customer) && !at.isBefore(start) && at.isBefore(end)) {
                if (known.sentAt().isPresent()) {
                    sent += known.report().value();
                    lastSent = lastSent.filter(last -> last.isAfter(known.sentAt().get())).or(known::sentAt);
                } else {
                    stillSending++;
                    triedValue += known.report().attempts() > 0 ? known.report().value() : 0;
                }
            }
        }
        return new Reported(sent, stillSending, triedValue, lastSent);
    }

    @Override
    public synchronized List<SentReport> sentIn(CustomerId customer, Instant start, Instant end) {
        return reports.stream().filter(known -> known.sentAt().isPresent() && known.report().customer().equals(customer))
                .filter(known -> !known.report().timestamp().isBefore(start) && known.report().timestamp().isBefore(end))
                .sorted(Comparator.comparing((Report known) -> known.sentAt().get()).reversed())
                .map(known -> new SentReport(known.report().identifier(), known.report().value(), known.sentAt().get(),
                        known.report().attempts())).toList();
    }

    @Override
    public synchronized void recheck(String key, Instant at) {
        work.replay(WorkKind.USAGE_RECONCILIATION, key, at);
    }

    @Override
    public synchronized void record(String key, long ours, long stripe, ReconciliationStatus status, Instant read,
            Instant at) {
        compared.put(key, read);
        UsageWindow window = windows.get(key);
        windows.put(key, new UsageWindow(key, window.customer(), window.stripeCustomer(), window.start(), window.end(),
                Optional.of(ours), Optional.of(stripe), Optional.of(status), Optional.of(at)));
    }

    @Override
    public synchronized Page<UsageWindow> list(Instant from, Instant to, int page, int size) {
        List<UsageWindow> compared = windows.values().stream().filter(window -> window.status().isPresent())
                .filter(window -> !window.start().isBefore(from) && window.start().isBefore(to))
                .sorted(Comparator.comparing((UsageWindow window) -> !window.status().get().isDrift())
                        .thenComparing(UsageWindow::start, Comparator.reverseOrder()))
                .toList();
        return new Page<>(compared.stream().skip((long) page * size).limit(size).toList(), page, size, compared.size());
    }

    @Override
    public synchronized long drift(Instant since) {
        return windows.values().stream().filter(window -> !window.start().isBefore(since))
                .filter(window -> window.status().filter(ReconciliationStatus::isDrift).isPresent())
                .mapToLong(window -> Math.abs(window.ours().orElse(0L) - window.stripe().orElse(0L))).sum();
    }
}
