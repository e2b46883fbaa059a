package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reports in a map: enqueue, claim when due (one per customer), mark sent or failed. Forming is the database's job. */
public class InMemoryUsageReportOutbox implements UsageReportOutbox {

    public enum State { PENDING, SENT, FAILED }

    private static final class Row {
        UsageReport report;
        String request;
        State state = State.PENDING;
        Instant due;
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    @Override
    public int formReports(int maxCustomers, Instant until, Instant now) {
        return 0;
    }

    @Override
    public synchronized boolean enqueue(UsageReport report, String request, Instant now) {
        if (rows.containsKey(report.identifier())) {
            return false;
        }
        Row row = new Row();
        row.report = report;
        row.request = request;
        row.due = now;
        rows.put(report.identifier(), row);
        return true;
    }

    @Override
    public synchronized List<UsageReport> claimDue(int max, Instant now, Duration lease, String worker) {
        List<UsageReport> claimed = new ArrayList<>();
        for (Row row : rows.values()) {
            boolean customerTaken = claimed.stream().anyMatch(r -> r.customer().equals(row.report.customer()));
            if (row.state == State.PENDING && !row.due.isAfter(now) && !customerTaken && claimed.size() < max) {
                UsageReport r = row.report;
                row.report = new UsageReport(r.identifier(), r.customer(), r.stripeCustomer(), r.value(), r.timestamp(),
                        r.attempts() + 1);
                row.due = now.plus(lease);
                claimed.add(row.report);
            }
        }
        return claimed;
    }

    @Override
    public synchronized void sent(String identifier, String worker, Instant now) {
        rows.get(identifier).state = State.SENT;
    }

    @Override
    public synchronized void failed(String identifier, String worker, String error, Optional<Instant> retryAt, Instant now) {
        Row row = rows.get(identifier);
        if (retryAt.isPresent()) {
            row.due = retryAt.get();
        } else {
            row.state = State.FAILED;
        }
    }

    @Override
    public synchronized int makeDueNow(Instant now) {
        rows.values().stream().filter(row -> row.state == State.PENDING).forEach(row -> row.due = now);
        return rows.size();
    }

    @Override
    public synchronized Backlog backlog() {
        long unsent = rows.values().stream().filter(r -> r.state == State.PENDING).count();
        long failed = rows.values().stream().filter(r -> r.state == State.FAILED).count();
        return new Backlog(0, unsent, failed, Optional.empty());
    }

    @Override
    public Page<Unreported> unreported(int page, int size) {
        return new Page<>(List.of(), page, size, 0);
    }

    public synchronized State state(String identifier) {
        return rows.get(identifier).state;
    }

    @Override
    public synchronized Optional<RecordedUsageReport> recorded(String identifier) {
        return Optional.ofNullable(rows.get(identifier)).map(row -> new RecordedUsageReport(row.report, row.request));
    }
}
