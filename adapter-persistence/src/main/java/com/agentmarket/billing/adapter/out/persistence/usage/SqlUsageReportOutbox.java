package com.agentmarket.billing.adapter.out.persistence.usage;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.countFromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.adapter.out.persistence.NativeSql;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.usage.UnreportedUsage;
import com.agentmarket.billing.application.usage.UsageBacklog;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The usage outbox in SQL ({@code execution.report_state}, {@code usage_report}), run inside the caller's transaction.
 * A report's identifier is its primary key, fixed when it is formed; reports are sent as due work
 * ({@code SqlDueWork}, one in flight per customer).
 *
 * <p>An execution row is rewritten once by the reporter, when a report takes it ({@code PENDING} to {@code BATCHED}
 * with the report's identifier), never when Stripe accepts the report: its executions are reported because the report
 * is sent ({@code usage_report.state = 'SENT'}; the view {@code execution_report} reads it so). Executions still
 * waiting are the {@code PENDING} ones and those of reports not sent, each found through an index.
 */
@ApplicationScoped
class SqlUsageReportOutbox implements UsageReportOutbox {

    /** How long an unsent report of a customer's executions keeps another from being formed for them. */
    static final java.time.Duration ONE_UNSENT_REPORT_FOR = java.time.Duration.ofHours(1);

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected SqlUsageReportOutbox() {
    }

    /** For tests outside the container. */
    SqlUsageReportOutbox(EntityManager em) {
        this.em = em;
    }

    private Query sql(String statement, Object... parameters) {
        return NativeSql.sql(em, statement, parameters);
    }

    private List<Object[]> rows(String statement, Object... parameters) {
        return NativeSql.rows(em, statement, parameters);
    }

    /**
     * One report per customer and billing period with waiting executions recorded before {@code until}: all of them,
     * however many, so a report aggregates everything the customer used in the period since the last one. Never two
     * periods in one report: its timestamp (the newest execution's) lies in the period of every execution it carries,
     * so Stripe bills them on that period's invoice. A customer with a report of executions formed less than
     * {@link #ONE_UNSENT_REPORT_FOR} ago and still unsent gets no other meanwhile: while Stripe is away, executions wait
     * as they are instead of piling up into one report per round that would then be sent one after the other. A report
     * that stays unsent longer (a long outage, or one left waiting for an operator's check) no longer holds the
     * customer's later usage back. Concurrent servers may pick the same customer; the row update
     * decides (locks, then the state check), and a server that finds nothing left to take writes no report.
     */
    @Override
    public int formReports(int maxCustomers, Instant until, Instant now) {
        List<Object[]> groups = rows("select e.customer_id, c.stripe_customer_id, e.period_start from execution e "
                + "join customer c on c.id = e.customer_id where e.report_state = 'PENDING' and e.recorded_at < ? "
                + "and not exists (select 1 from usage_report r where r.state = 'PENDING' and r.customer_id = e.customer_id "
                + "and r.source = 'EXECUTIONS' and r.created_at > ?) "
                + "group by e.customer_id, c.stripe_customer_id, e.period_start order by min(e.recorded_at) limit ?",
                toColumn(until), toColumn(now.minus(ONE_UNSENT_REPORT_FOR)), maxCustomers);
        int grouped = 0;
        for (Object[] group : groups) {
            String batch = "usage-" + UUID.randomUUID();
            int executions = sql("update execution set report_state = 'BATCHED', report_batch = ? where customer_id = ? "
                    + "and period_start = ? and report_state = 'PENDING' and recorded_at < ?", batch, group[0],
                    group[2], toColumn(until)).executeUpdate();
            if (executions == 0) {
                continue;
            }
            Object newest = rows("select max(recorded_at), count(*) from execution where report_batch = ?", batch).get(0)[0];
            String stripeCustomer = (String) group[1];
            sql("insert into usage_report (batch_id, customer_id, stripe_customer_id, event_value, event_timestamp, source, "
                            + "state, attempts, next_attempt_at, last_error, created_at) values (?, ?, ?, ?, ?, 'EXECUTIONS', ?, 0, ?, ?, ?)",
                    batch, group[0], stripeCustomer == null ? "" : stripeCustomer, (long) executions,
                    toColumn(fromNative(newest).orElseThrow()), stripeCustomer == null ? "FAILED" : "PENDING", toColumn(now),
                    stripeCustomer == null ? "the customer has no Stripe customer to bill" : null, toColumn(now))
                    .executeUpdate();
            grouped += executions;
        }
        return grouped;
    }

    @Override
    public boolean enqueue(UsageReport report, String request, Instant now) {
        return sql("insert into usage_report (batch_id, customer_id, stripe_customer_id, event_value, event_timestamp, source, "
                        + "state, attempts, next_attempt_at, created_at, request_fingerprint) "
                        + "values (?, ?, ?, ?, ?, 'RECORDED', 'PENDING', 0, ?, ?, ?) on conflict do nothing",
                report.identifier(), report.customer().value(), report.stripeCustomer().value(), report.value(),
                toColumn(report.timestamp()), toColumn(now), toColumn(now), request)
                .executeUpdate() == 1;
    }

    @Override
    public Optional<RecordedUsageReport> recorded(String identifier) {
        return rows("select batch_id, customer_id, stripe_customer_id, event_value, event_timestamp, attempts, "
                + "request_fingerprint from usage_report where batch_id = ? and source = 'RECORDED'", identifier).stream()
                .findFirst()
                .map(row -> new RecordedUsageReport(new UsageReport((String) row[0], new CustomerId((String) row[1]),
                        new StripeCustomerId((String) row[2]), countFromNative(row[3]), fromNative(row[4]).orElseThrow(),
                        (int) countFromNative(row[5])), (String) row[6]));
    }

    @Override
    public List<UsageReport> find(Collection<String> identifiers) {
        if (identifiers.isEmpty()) {
            return List.of();
        }
        return rows("select batch_id, customer_id, stripe_customer_id, event_value, event_timestamp, attempts, created_at "
                + "from usage_report where batch_id in (" + NativeSql.placeholders(identifiers.size()) + ")",
                identifiers.toArray()).stream()
                .map(row -> new UsageReport((String) row[0], new CustomerId((String) row[1]),
                        new StripeCustomerId((String) row[2]), countFromNative(row[3]), fromNative(row[4]).orElseThrow(),
                        (int) countFromNative(row[5]), fromNative(row[6]).orElseThrow()))
                .toList();
    }

    @Override
    public UsageBacklog backlog() {
        Object[] pending = rows("select count(*), min(recorded_at) from execution where report_state = 'PENDING'").get(0);
        Object[] batched = rows("select count(*), min(e.recorded_at) from usage_report r join execution e on e.report_batch = "
                + "r.batch_id where r.state in ('PENDING', 'FAILED') and r.source = 'EXECUTIONS'").get(0);
        Object[] reports = rows("select sum(case when state = 'PENDING' then 1 else 0 end), "
                + "sum(case when state = 'FAILED' then 1 else 0 end), min(case when state = 'PENDING' then event_timestamp end) "
                + "from usage_report where state in ('PENDING', 'FAILED')").get(0);
        Optional<Instant> oldest = earliest(earliest(fromNative(pending[1]), fromNative(batched[1])), fromNative(reports[2]));
        return new UsageBacklog(countFromNative(pending[0]) + countFromNative(batched[0]), countFromNative(reports[0]),
                countFromNative(reports[1]), oldest);
    }

    @Override
    public Page<UnreportedUsage> unreported(int page, int size) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Optional<Instant>> oldest = new HashMap<>();
        Map<String, Optional<String>> errors = new HashMap<>();
        for (Object[] row : rows("select customer_id, count(*), min(recorded_at) from execution "
                + "where report_state = 'PENDING' group by customer_id "
                + "union all select e.customer_id, count(*), min(e.recorded_at) from usage_report r join execution e "
                + "on e.report_batch = r.batch_id where r.state in ('PENDING', 'FAILED') and r.source = 'EXECUTIONS' "
                + "group by e.customer_id")) {
            counts.computeIfAbsent((String) row[0], k -> new long[3])[0] += countFromNative(row[1]);
            oldest.merge((String) row[0], fromNative(row[2]), SqlUsageReportOutbox::earliest);
        }
        for (Object[] row : rows("select customer_id, sum(case when state = 'PENDING' then 1 else 0 end), "
                + "sum(case when state = 'FAILED' then 1 else 0 end), min(event_timestamp), max(last_error) from usage_report "
                + "where state in ('PENDING', 'FAILED') group by customer_id")) {
            long[] figures = counts.computeIfAbsent((String) row[0], k -> new long[3]);
            figures[1] = countFromNative(row[1]);
            figures[2] = countFromNative(row[2]);
            oldest.merge((String) row[0], fromNative(row[3]), SqlUsageReportOutbox::earliest);
            errors.put((String) row[0], Optional.ofNullable((String) row[4]));
        }
        List<UnreportedUsage> all = counts.entrySet().stream()
                .map(entry -> new UnreportedUsage(new CustomerId(entry.getKey()), entry.getValue()[0], entry.getValue()[1],
                        entry.getValue()[2], oldest.getOrDefault(entry.getKey(), Optional.empty()),
                        errors.getOrDefault(entry.getKey(), Optional.empty())))
                .sorted(Comparator.comparing((UnreportedUsage u) -> u.oldest().orElse(Instant.MAX))
                        .thenComparing(u -> u.customer().value()))
                .toList();
        return new Page<>(all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size());
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
    }
}
