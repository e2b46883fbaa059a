package com.agentmarket.billing.adapter.out.persistence.reconciliation;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.countFromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.adapter.out.persistence.NativeSql;
import com.agentmarket.billing.adapter.out.persistence.Timestamps;
import com.agentmarket.billing.application.reconciliation.UsageWindow;
import com.agentmarket.billing.application.reconciliation.port.out.UsageWindows;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.usage.ReconciliationStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The reconciliation windows in SQL ({@code usage_window}), run inside the caller's transaction; claimed, completed
 * and retried as due work by {@code SqlDueWork}. A window is a UTC hour of the reports' event timestamps, as Stripe
 * groups its summaries, kept as whole hours since the epoch so that the same statements work on PostgreSQL and on
 * the embedded H2.
 */
@ApplicationScoped
class SqlUsageWindows implements UsageWindows {

    private static final long HOUR_SECONDS = Duration.ofHours(1).toSeconds();
    /** A report's hour, in whole hours since the epoch. */
    private static final String HOUR_OF = "cast(floor(extract(epoch from %s.event_timestamp) / 3600) as bigint)";
    private static final String COLUMNS = "window_key, customer_id, stripe_customer_id, window_hour, ours, stripe, result, "
            + "checked_at";
    private static final String DRIFTING = "('MISSING_AT_STRIPE', 'EXTRA_AT_STRIPE', 'NEEDS_OPERATOR')";

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected SqlUsageWindows() {
    }

    /** For tests outside the container. */
    SqlUsageWindows(EntityManager em) {
        this.em = em;
    }

    private static long hourOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), HOUR_SECONDS);
    }

    @Override
    public int queueClosed(Instant from, Instant to, Instant sentSince, Instant now) {
        String hour = String.format(HOUR_OF, "r");
        int queued = NativeSql.sql(em, "insert into usage_window (window_key, customer_id, stripe_customer_id, window_hour, "
                + "state, attempts, next_attempt_at, queued_at) "
                + "select x.customer_id || '@' || x.window_hour, x.customer_id, max(x.stripe_customer_id), x.window_hour, "
                + "'PENDING', 0, ?, ? from (select r.customer_id, r.stripe_customer_id, " + hour + " as window_hour "
                + "from usage_report r where (r.state = 'PENDING' or (r.state = 'SENT' and r.sent_at >= ?)) "
                + "and r.stripe_customer_id <> '' and r.event_timestamp >= ? and r.event_timestamp < ?) x "
                + "where not exists (select 1 from usage_window w "
                + "where w.customer_id = x.customer_id and w.window_hour = x.window_hour) "
                + "group by x.customer_id, x.window_hour on conflict do nothing",
                toColumn(now), toColumn(now), toColumn(sentSince), toColumn(from), toColumn(to)).executeUpdate();
        int reopened = NativeSql.sql(em, "update usage_window set state = 'PENDING', attempts = 0, next_attempt_at = ?, "
                + "claimed_by = null, claimed_until = null, last_error = null "
                + "where state <> 'PENDING' and window_hour >= ? and window_hour < ? and exists (select 1 from usage_report s "
                + "where s.customer_id = usage_window.customer_id and s.state = 'SENT' and s.sent_at >= ? "
                + "and s.sent_at > usage_window.compared_at and " + String.format(HOUR_OF, "s") + " = usage_window.window_hour)",
                toColumn(now), hourOf(from), hourOf(to), toColumn(sentSince)).executeUpdate();
        return queued + reopened;
    }

    @Override
    public int makeDue(Instant from, Instant to, Instant now) {
        return NativeSql.sql(em, "update usage_window set state = 'PENDING', attempts = 0, next_attempt_at = ?, "
                + "claimed_by = null, claimed_until = null, last_error = null where window_hour >= ? and window_hour < ?",
                toColumn(now), hourOf(from), hourOf(to)).executeUpdate();
    }

    @Override
    public List<UsageWindow> find(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return NativeSql.rows(em, "select " + COLUMNS + " from usage_window where window_key in ("
                + NativeSql.placeholders(keys.size()) + ")", keys.toArray()).stream().map(SqlUsageWindows::window).toList();
    }

    @Override
    public Reported reported(CustomerId customer, Instant start, Instant end) {
        Object[] row = NativeSql.rows(em, "select coalesce(sum(case when state = 'SENT' then event_value else 0 end), 0), "
                + "sum(case when state = 'PENDING' then 1 else 0 end), "
                + "sum(case when state = 'PENDING' and attempts > 0 then event_value else 0 end), "
                + "max(case when state = 'SENT' then sent_at end) from usage_report "
                + "where customer_id = ? and event_timestamp >= ? and event_timestamp < ?",
                customer.value(), toColumn(start), toColumn(end)).get(0);
        return new Reported(countFromNative(row[0]), countFromNative(row[1]), countFromNative(row[2]), fromNative(row[3]));
    }

    @Override
    public List<SentReport> sentIn(CustomerId customer, Instant start, Instant end) {
        return NativeSql.rows(em, "select batch_id, event_value, sent_at, attempts from usage_report where customer_id = ? "
                + "and state = 'SENT' and event_timestamp >= ? and event_timestamp < ? order by sent_at desc",
                customer.value(), toColumn(start), toColumn(end)).stream()
                .map(row -> new SentReport((String) row[0], countFromNative(row[1]), fromNative(row[2]).orElseThrow(),
                        (int) countFromNative(row[3]))).toList();
    }

    @Override
    public void recheck(String key, Instant at) {
        NativeSql.sql(em, "update usage_window set state = 'PENDING', attempts = 0, next_attempt_at = ?, claimed_by = null, "
                + "claimed_until = null where window_key = ?", toColumn(at), key).executeUpdate();
    }

    @Override
    public void record(String key, long ours, long stripe, ReconciliationStatus status, Instant read, Instant at) {
        NativeSql.sql(em, "update usage_window set ours = ?, stripe = ?, result = ?, compared_at = ?, checked_at = ? "
                + "where window_key = ?", ours, stripe, status.name(), toColumn(read), toColumn(at), key).executeUpdate();
    }

    @Override
    public Page<UsageWindow> list(Instant from, Instant to, int page, int size) {
        long total = countFromNative(NativeSql.sql(em, "select count(*) from usage_window where result is not null "
                + "and window_hour >= ? and window_hour < ?", hourOf(from), hourOf(to)).getSingleResult());
        List<UsageWindow> items = NativeSql.rows(em, "select " + COLUMNS + " from usage_window where result is not null "
                + "and window_hour >= ? and window_hour < ? "
                + "order by case when result in " + DRIFTING + " then 0 else 1 end, window_hour desc, customer_id "
                + "limit ? offset ?", hourOf(from), hourOf(to), size, (long) page * size).stream()
                .map(SqlUsageWindows::window).toList();
        return new Page<>(items, page, size, total);
    }

    @Override
    public long drift(Instant since) {
        return countFromNative(NativeSql.sql(em, "select coalesce(sum(abs(ours - stripe)), 0) from usage_window "
                + "where result in " + DRIFTING + " and window_hour >= ?", hourOf(since)).getSingleResult());
    }

    private static UsageWindow window(Object[] row) {
        Instant start = Instant.ofEpochSecond(countFromNative(row[3]) * HOUR_SECONDS);
        return new UsageWindow((String) row[0], new CustomerId((String) row[1]), new StripeCustomerId((String) row[2]),
                start, start.plusSeconds(HOUR_SECONDS),
                Optional.ofNullable(row[4]).map(Timestamps::countFromNative),
                Optional.ofNullable(row[5]).map(Timestamps::countFromNative),
                Optional.ofNullable((String) row[6]).map(ReconciliationStatus::valueOf), fromNative(row[7]));
    }
}
