package com.agentmarket.billing.adapter.out.persistence.usage;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.countFromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The usage outbox in SQL ({@code execution.report_state}, {@code usage_report}, {@code usage_report_inflight}),
 * run inside the caller's transaction. Rows are claimed with {@code for update skip locked}, so several servers
 * work side by side; a report's identifier is its primary key, fixed when it is formed.
 */
@ApplicationScoped
class SqlUsageReportOutbox implements UsageReportOutbox {

    private static final int MAX_ERROR_LENGTH = 1000;

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
        Query query = em.createNativeQuery(statement);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String statement, Object... parameters) {
        return sql(statement, parameters).getResultList();
    }

    /**
     * One report per customer with waiting executions recorded before {@code until}: all of them, however many, so a
     * report aggregates everything the customer used since the last one. Concurrent servers may pick the same
     * customer; the row update decides (locks, then the state check), and a server that finds nothing left to take
     * writes no report.
     */
    @Override
    public int formReports(int maxCustomers, Instant until, Instant now) {
        List<Object[]> customers = rows("select e.customer_id, c.stripe_customer_id from execution e "
                + "join customer c on c.id = e.customer_id where e.report_state = 'PENDING' and e.recorded_at < ? "
                + "group by e.customer_id, c.stripe_customer_id order by min(e.recorded_at) limit ?", toColumn(until), maxCustomers);
        int grouped = 0;
        for (Object[] customer : customers) {
            String batch = "usage-" + UUID.randomUUID();
            int executions = sql("update execution set report_state = 'BATCHED', report_batch = ? where customer_id = ? "
                    + "and report_state = 'PENDING' and recorded_at < ?", batch, customer[0], toColumn(until)).executeUpdate();
            if (executions == 0) {
                continue;
            }
            Object newest = rows("select max(recorded_at), count(*) from execution where report_batch = ?", batch).get(0)[0];
            String stripeCustomer = (String) customer[1];
            sql("insert into usage_report (batch_id, customer_id, stripe_customer_id, event_value, event_timestamp, source, "
                            + "state, attempts, next_attempt_at, last_error, created_at) values (?, ?, ?, ?, ?, 'EXECUTIONS', ?, 0, ?, ?, ?)",
                    batch, customer[0], stripeCustomer == null ? "" : stripeCustomer, (long) executions,
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
    public List<UsageReport> claimDue(int max, Instant now, Duration lease, String worker) {
        List<Object[]> candidates = rows("select batch_id, customer_id, stripe_customer_id, event_value, event_timestamp, "
                + "attempts from usage_report where state = 'PENDING' and next_attempt_at <= ? "
                + "and (claimed_until is null or claimed_until < ?) order by created_at limit ? for update skip locked",
                toColumn(now), toColumn(now), max);
        Set<String> customersThisRound = new HashSet<>();
        List<UsageReport> claimed = new ArrayList<>();
        OffsetDateTime until = toColumn(now.plus(lease));
        for (Object[] row : candidates) {
            String batch = (String) row[0];
            String customer = (String) row[1];
            if (!customersThisRound.add(customer) || !holdCustomer(customer, batch, now, until)) {
                continue;
            }
            sql("update usage_report set attempts = attempts + 1, claimed_by = ?, claimed_until = ? where batch_id = ?",
                    worker, until, batch).executeUpdate();
            claimed.add(new UsageReport(batch, new CustomerId(customer), new StripeCustomerId((String) row[2]),
                    ((Number) row[3]).longValue(), fromNative(row[4]).orElseThrow(), ((Number) row[5]).intValue() + 1));
        }
        return claimed;
    }

    /** One report in flight per customer: hold the customer's row, or take over one whose holder ran out of time. */
    private boolean holdCustomer(String customer, String batch, Instant now, OffsetDateTime until) {
        if (sql("insert into usage_report_inflight (customer_id, batch_id, held_until) values (?, ?, ?) on conflict do nothing",
                customer, batch, until).executeUpdate() == 1) {
            return true;
        }
        return sql("update usage_report_inflight set batch_id = ?, held_until = ? where customer_id = ? "
                + "and (held_until < ? or batch_id = ?)", batch, until, customer, toColumn(now), batch).executeUpdate() == 1;
    }

    @Override
    public void sent(String identifier, String worker, Instant now) {
        int mine = sql("update usage_report set state = 'SENT', sent_at = ?, last_error = null, claimed_by = null, "
                + "claimed_until = null, next_attempt_at = null where batch_id = ? and claimed_by = ?",
                toColumn(now), identifier, worker).executeUpdate();
        if (mine == 1) {
            sql("update execution set report_state = 'REPORTED' where report_batch = ?", identifier).executeUpdate();
        }
        sql("delete from usage_report_inflight where batch_id = ?", identifier).executeUpdate();
    }

    @Override
    public void failed(String identifier, String worker, String error, Optional<Instant> retryAt, Instant now) {
        sql("update usage_report set state = ?, last_error = ?, next_attempt_at = cast(? as timestamp with time zone), "
                + "claimed_by = null, claimed_until = null where batch_id = ? and claimed_by = ?",
                retryAt.isPresent() ? "PENDING" : "FAILED",
                error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error,
                toColumn(retryAt.orElse(null)), identifier, worker).executeUpdate();
        sql("delete from usage_report_inflight where batch_id = ?", identifier).executeUpdate();
    }

    @Override
    public int makeDueNow(Instant now) {
        return sql("update usage_report set next_attempt_at = ? where state = 'PENDING'", toColumn(now)).executeUpdate();
    }

    @Override
    public Backlog backlog() {
        Object[] executions = rows("select count(*), min(recorded_at) from execution where report_state in ('PENDING', 'BATCHED')")
                .get(0);
        Object[] reports = rows("select sum(case when state = 'PENDING' then 1 else 0 end), "
                + "sum(case when state = 'FAILED' then 1 else 0 end), min(case when state = 'PENDING' then event_timestamp end) "
                + "from usage_report where state in ('PENDING', 'FAILED')").get(0);
        Optional<Instant> oldest = earliest(fromNative(executions[1]), fromNative(reports[2]));
        return new Backlog(countFromNative(executions[0]), countFromNative(reports[0]), countFromNative(reports[1]), oldest);
    }

    @Override
    public Page<Unreported> unreported(int page, int size) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Optional<Instant>> oldest = new HashMap<>();
        Map<String, Optional<String>> errors = new HashMap<>();
        for (Object[] row : rows("select customer_id, count(*), min(recorded_at) from execution "
                + "where report_state in ('PENDING', 'BATCHED') group by customer_id")) {
            counts.computeIfAbsent((String) row[0], k -> new long[3])[0] = countFromNative(row[1]);
            oldest.put((String) row[0], fromNative(row[2]));
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
        List<Unreported> all = counts.entrySet().stream()
                .map(entry -> new Unreported(new CustomerId(entry.getKey()), entry.getValue()[0], entry.getValue()[1],
                        entry.getValue()[2], oldest.getOrDefault(entry.getKey(), Optional.empty()),
                        errors.getOrDefault(entry.getKey(), Optional.empty())))
                .sorted(Comparator.comparing((Unreported u) -> u.oldest().orElse(Instant.MAX))
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
