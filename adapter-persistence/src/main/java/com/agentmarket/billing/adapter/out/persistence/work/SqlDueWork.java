package com.agentmarket.billing.adapter.out.persistence.work;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.countFromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromNative;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.adapter.out.persistence.NativeSql;
import com.agentmarket.billing.application.work.WorkBacklog;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.port.out.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Due work in SQL, the same statements for every kind ({@link WorkTable}), run inside the caller's transaction. A claim
 * locks the due rows with {@code for update skip locked}, so servers sharing the database each take different items,
 * and stamps them with a lease that a crashed server's successor takes over once it runs out. Kinds with a group
 * also hold the group in {@code work_inflight} while an item of theirs is claimed.
 */
@ApplicationScoped
public class SqlDueWork implements DueWork {

    @PersistenceContext(unitName = "billing")
    EntityManager em;

    /** For CDI, which injects the container's entity manager. */
    protected SqlDueWork() {
    }

    /** For tests outside the container. */
    public SqlDueWork(EntityManager em) {
        this.em = em;
    }

    private Query sql(String statement, Object... parameters) {
        return NativeSql.sql(em, statement, parameters);
    }

    private List<Object[]> rows(String statement, Object... parameters) {
        return NativeSql.rows(em, statement, parameters);
    }

    private static WorkTable table(WorkKind kind) {
        return WorkTable.BY_KIND.get(kind);
    }

    @Override
    public List<Claim> claim(WorkKind kind, int max, Instant now, Duration lease, String worker) {
        WorkTable t = table(kind);
        List<Object[]> due = rows("select " + t.key() + ", attempts, " + t.group().orElse("null") + " from " + t.table()
                + " where " + t.status() + " in (" + t.open() + ") and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?) "
                + "order by " + t.order() + " limit ? for update skip locked", toColumn(now), toColumn(now), max);
        OffsetDateTime until = toColumn(now.plus(lease));
        Set<Object> groupsThisRound = new HashSet<>();
        List<Claim> claimed = new ArrayList<>();
        for (Object[] row : due) {
            String key = (String) row[0];
            if (t.group().isPresent() && (!groupsThisRound.add(row[2]) || !holdGroup(kind, (String) row[2], key, now, until))) {
                continue;
            }
            claimed.add(new Claim(key, (int) countFromNative(row[1]) + 1));
        }
        if (!claimed.isEmpty()) {
            List<Object> parameters = new ArrayList<>(List.of(worker, until));
            claimed.forEach(claim -> parameters.add(claim.key()));
            sql("update " + t.table() + " set attempts = attempts + 1, claimed_by = ?, claimed_until = ? where " + t.key()
                    + " in (" + NativeSql.placeholders(claimed.size()) + ")", parameters.toArray())
                    .executeUpdate();
        }
        return claimed;
    }

    /** One item of a group in flight: hold the group's row, or take over one whose holder ran out of time. */
    private boolean holdGroup(WorkKind kind, String group, String key, Instant now, OffsetDateTime until) {
        if (sql("insert into work_inflight (kind, work_group, work_key, held_until) values (?, ?, ?, ?) on conflict do nothing",
                kind.name(), group, key, until).executeUpdate() == 1) {
            return true;
        }
        return sql("update work_inflight set work_key = ?, held_until = ? where kind = ? and work_group = ? "
                + "and (held_until < ? or work_key = ?)", key, until, kind.name(), group, toColumn(now), key).executeUpdate() == 1;
    }

    private void releaseGroup(WorkKind kind, String key) {
        if (table(kind).group().isPresent()) {
            sql("delete from work_inflight where kind = ? and work_key = ?", kind.name(), key).executeUpdate();
        }
    }

    @Override
    public boolean complete(WorkKind kind, String key, String worker, Optional<String> note, Instant now) {
        WorkTable t = table(kind);
        int mine = sql("update " + t.table() + " set " + t.status() + " = ?, " + t.note() + " = ?, " + t.doneAt() + " = ?, "
                + "next_attempt_at = null, claimed_by = null, claimed_until = null where " + t.key() + " = ? and claimed_by = ?",
                t.done(), note.map(t::shorten).orElse(null), toColumn(now), key, worker).executeUpdate();
        releaseGroup(kind, key);
        return mine == 1;
    }

    @Override
    public void fail(WorkKind kind, String key, String worker, String error, Optional<Instant> retryAt, Instant now) {
        WorkTable t = table(kind);
        sql("update " + t.table() + " set " + t.status() + " = ?, " + t.note() + " = ?, next_attempt_at = cast(? as timestamp with time zone), "
                + "claimed_by = null, claimed_until = null where " + t.key() + " = ? and claimed_by = ?",
                retryAt.isPresent() ? t.retrying() : t.dead(), t.shorten(error), toColumn(retryAt.orElse(null)), key, worker)
                .executeUpdate();
        releaseGroup(kind, key);
    }

    @Override
    public boolean replay(WorkKind kind, String key, Instant now) {
        WorkTable t = table(kind);
        return sql("update " + t.table() + " set " + t.status() + " = ?, attempts = 0, " + t.note() + " = null, next_attempt_at = ?, "
                + t.doneAt() + " = null, claimed_by = null, claimed_until = null where " + t.key() + " = ?",
                t.waiting(), toColumn(now), key).executeUpdate() == 1;
    }

    @Override
    public int makeDue(WorkKind kind, Instant now) {
        WorkTable t = table(kind);
        return sql("update " + t.table() + " set next_attempt_at = ? where " + t.status() + " in (" + t.open() + ")", toColumn(now))
                .executeUpdate();
    }

    @Override
    public WorkBacklog backlog(WorkKind kind) {
        WorkTable t = table(kind);
        String open = t.status() + " in (" + t.open() + ")";
        Object[] row = rows("select "
                + "sum(case when " + open + " and " + t.note() + " is null then 1 else 0 end), "
                + "sum(case when " + open + " and " + t.note() + " is not null then 1 else 0 end), "
                + "sum(case when " + t.status() + " = '" + t.dead() + "' then 1 else 0 end), "
                + "min(case when " + open + " then " + t.queuedAt() + " end) from " + t.table()
                // Only the open and dead states, through the (status, next_attempt_at) index: done items pile up.
                + " where " + t.status() + " in (" + t.open() + ", '" + t.dead() + "')").get(0);
        return new WorkBacklog(kind, countFromNative(row[0]), countFromNative(row[1]), countFromNative(row[2]),
                fromNative(row[3]));
    }
}
