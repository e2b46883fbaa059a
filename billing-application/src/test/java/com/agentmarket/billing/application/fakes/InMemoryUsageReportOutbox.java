package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.usage.UnreportedUsage;
import com.agentmarket.billing.application.usage.UsageBacklog;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import com.agentmarket.billing.application.work.WorkKind;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports in a map; sending them is due work in an {@link InMemoryDueWork} (one per customer in flight), as the real
 * table is. Forming reports from executions is the database's job.
 */
public class InMemoryUsageReportOutbox implements UsageReportOutbox {

    public enum State { PENDING, SENT, FAILED }

    private record Row(UsageReport report, String request) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final InMemoryDueWork work;
    private long order;

    public InMemoryUsageReportOutbox() {
        this(new InMemoryDueWork());
    }

    public InMemoryUsageReportOutbox(InMemoryDueWork work) {
        this.work = work;
    }

    public InMemoryDueWork work() {
        return work;
    }

    @Override
    public int formReports(int maxCustomers, Instant until, Instant now) {
        return 0;
    }

    @Override
    public synchronized boolean enqueue(UsageReport report, String request, Instant now) {
        if (rows.containsKey(report.identifier())) {
            return false;
        }
        rows.put(report.identifier(), new Row(report, request));
        return work.queue(WorkKind.USAGE_REPORT, report.identifier(), order++, Optional.of(report.customer().value()), now);
    }

    @Override
    public synchronized List<UsageReport> find(Collection<String> identifiers) {
        return identifiers.stream().filter(rows::containsKey).map(id -> {
            UsageReport r = rows.get(id).report();
            return new UsageReport(r.identifier(), r.customer(), r.stripeCustomer(), r.value(), r.timestamp(),
                    work.item(WorkKind.USAGE_REPORT, id).orElseThrow().attempts());
        }).toList();
    }

    @Override
    public synchronized UsageBacklog backlog() {
        long unsent = rows.keySet().stream().filter(id -> state(id) == State.PENDING).count();
        long failed = rows.keySet().stream().filter(id -> state(id) == State.FAILED).count();
        return new UsageBacklog(0, unsent, failed, Optional.empty());
    }

    @Override
    public Page<UnreportedUsage> unreported(int page, int size) {
        return new Page<>(List.of(), page, size, 0);
    }

    public synchronized State state(String identifier) {
        return switch (work.item(WorkKind.USAGE_REPORT, identifier).orElseThrow().status()) {
            case WAITING, RETRYING -> State.PENDING;
            case DONE -> State.SENT;
            case DEAD -> State.FAILED;
        };
    }

    @Override
    public synchronized Optional<RecordedUsageReport> recorded(String identifier) {
        return Optional.ofNullable(rows.get(identifier)).map(row -> new RecordedUsageReport(
                find(List.of(identifier)).get(0), row.request()));
    }
}
