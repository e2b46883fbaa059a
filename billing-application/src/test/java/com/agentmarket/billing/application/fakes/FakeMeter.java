package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.MeterWindow;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory Stripe meter. Like Stripe, an event sent again under an identifier it holds counts once; its hourly
 * totals sum what it kept. It can be told to fail, to drop the next event (accept it, then lose it) or to count it
 * twice (an identifier Stripe forgot after 24 hours).
 */
public class FakeMeter implements BillingMeter {

    private final Map<String, UsageReport> kept = new LinkedHashMap<>();
    private final List<UsageReport> accepted = new ArrayList<>();
    private final List<String> cancelled = new ArrayList<>();
    private RuntimeException failure;
    private boolean dropNext;
    private boolean duplicateNext;
    private RuntimeException loseNextAnswer;

    /** Every call fails with this from now on ({@code null}: Stripe answers again). */
    public synchronized void failWith(RuntimeException answer) {
        failure = answer;
    }

    /** The next event is accepted and then lost by Stripe. */
    public synchronized void dropsNext() {
        dropNext = true;
    }

    /** The next event counts twice (sent again after Stripe forgot its identifier). */
    public synchronized void duplicatesNext() {
        duplicateNext = true;
    }

    /** The next event is kept, but its answer is lost on the way back: the sender sees this failure. */
    public synchronized void losesNextAnswer(RuntimeException failure) {
        loseNextAnswer = failure;
    }

    /** Stripe forgets the identifiers it holds (after about 24 hours): one sent again counts again. */
    public synchronized void forgetsIdentifiers() {
        Map<String, UsageReport> forgotten = new LinkedHashMap<>();
        kept.forEach((identifier, report) -> forgotten.put(identifier + "#forgotten" + forgotten.size(), report));
        kept.clear();
        kept.putAll(forgotten);
    }

    /** Every send Stripe accepted, in order (resends included). */
    public synchronized List<UsageReport> accepted() {
        return List.copyOf(accepted);
    }

    public synchronized List<String> cancelled() {
        return List.copyOf(cancelled);
    }

    @Override
    public synchronized void report(UsageReport report) {
        if (failure != null) {
            throw failure;
        }
        accepted.add(report);
        if (dropNext) {
            dropNext = false;
            return;
        }
        kept.putIfAbsent(report.identifier(), report);
        if (duplicateNext) {
            duplicateNext = false;
            kept.put(report.identifier() + "#again", report);
        }
        if (loseNextAnswer != null) {
            RuntimeException lost = loseNextAnswer;
            loseNextAnswer = null;
            throw lost;
        }
    }

    @Override
    public synchronized List<MeterWindow> hourlyTotals(StripeCustomerId customer, Instant from, Instant to) {
        if (failure != null) {
            throw failure;
        }
        Map<Instant, Long> byHour = new TreeMap<>();
        kept.values().stream().filter(report -> report.stripeCustomer().equals(customer))
                .filter(report -> !report.timestamp().isBefore(from) && report.timestamp().isBefore(to))
                .forEach(report -> byHour.merge(report.timestamp().truncatedTo(ChronoUnit.HOURS), report.value(), Long::sum));
        return byHour.entrySet().stream()
                .map(hour -> new MeterWindow(hour.getKey(), hour.getKey().plus(1, ChronoUnit.HOURS), hour.getValue())).toList();
    }

    @Override
    public synchronized void cancel(String identifier) {
        if (failure != null) {
            throw failure;
        }
        cancelled.add(identifier);
        kept.remove(identifier);
    }
}
