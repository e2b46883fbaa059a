package com.agentmarket.billing.adapter.out.persistence.execution;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.EntitlementFacts;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.ExecutionToRecord;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.Recorded;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.RequestKeyReused;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import com.agentmarket.billing.domain.usage.QuotaTerms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Records executions in one transaction: one execution alone, or a batch of concurrent ones (group commit), with the
 * same statements.
 *
 * <ol>
 * <li>The entitlement facts of the batch's customers are read in one query, and each execution's quota terms come
 * from its rule applied to its customer's facts. A customer never stored is stored (active, Free) with the missing
 * counters below.</li>
 * <li>The period counters of the batch's customers are locked, in one statement and in a fixed order (customer,
 * then period), so that two batches sharing customers queue behind each other instead of deadlocking. A counter
 * that does not exist yet is created first, in a short transaction of its own, and the batch starts again.</li>
 * <li>With the counters locked, every other writer for these customers waits, so the executions already stored
 * (repeats) and the request keys already bound are read once, and nothing changes them until the commit.</li>
 * <li>Each execution, in the batch's order, is decided by the domain's {@code QuotaTerms.decide} on its counter as
 * the executions before it left it: exact per customer within a batch as across batches. A repeat (stored before, or
 * earlier in the same batch) gets the first answer and counts nothing; a request key bound to another execution is
 * refused and counts nothing.</li>
 * <li>The counters, the executions and the new request keys are written (one round trip each) and committed.</li>
 * </ol>
 *
 * Portable SQL: the same statements run on PostgreSQL and on the embedded H2. Each has one text whatever the batch's
 * size (arrays, not lists of placeholders), so a connection prepares it once.
 */
final class ExecutionBatch {

    /** What one execution of a batch got: its answer, or the refusal of its request key. */
    record Outcome(Recorded recorded, RuntimeException refusal) {

        static Outcome of(Recorded recorded) {
            return new Outcome(recorded, null);
        }

        static Outcome refused(RuntimeException refusal) {
            return new Outcome(null, refusal);
        }

        Recorded answer() {
            if (refusal != null) {
                throw refusal;
            }
            return recorded;
        }
    }

    private record CounterKey(String customer, Instant periodStart) {
        static final Comparator<CounterKey> ORDER = Comparator.comparing(CounterKey::customer)
                .thenComparing(CounterKey::periodStart);
    }

    private record ExecutionKey(String customer, String execution) {
    }

    /** An execution to insert with its answer; {@code billable}: waits to be reported to Stripe. */
    private record Row(ExecutionToRecord execution, QuotaTerms terms, Recorded answer, boolean billable) {
    }

    private static final String INSERT_EXECUTION = "insert into execution (customer_id, execution_id, period_start, "
            + "period_end, quota_limit, admitted, refusal, used_after, recorded_at, report_state) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String LOCK_COUNTERS = "select customer_id, period_start, used from usage_counter "
            + "where customer_id = any(?) and period_start between ? and ? order by customer_id, period_start for update";

    /** The pairs asked for side by side in two arrays, each found through the primary key. */
    private static final String FIRST_ANSWERS = "select e.customer_id, e.execution_id, e.refusal, e.used_after, "
            + "e.quota_limit, e.period_start, e.period_end from unnest(?, ?) as asked (customer_id, execution_id) "
            + "join execution e on e.customer_id = asked.customer_id and e.execution_id = asked.execution_id";

    private static final String KEY_OWNERS = "select request_key, customer_id, execution_id from execution_request_key "
            + "where request_key = any(?)";

    private static final String REGISTER = "insert into customer (id, account_status, version, created_at, updated_at) "
            + "values (?, 'ACTIVE', 1, ?, ?) on conflict do nothing";

    private static final String COUNT = "update usage_counter set used = ? where customer_id = ? and period_start = ?";

    private static final String BIND_REQUEST_KEY = "insert into execution_request_key (request_key, customer_id, "
            + "execution_id, created_at) values (?, ?, ?, ?)";

    private ExecutionBatch() {
    }

    /**
     * Writes {@code executions} in one transaction on {@code connection} and answers each, in their order. Any
     * {@link SQLException} leaves nothing written (the transaction is rolled back) and is thrown.
     */
    static List<Outcome> write(Connection connection, List<ExecutionToRecord> executions) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            Map<String, EntitlementFacts> facts = EntitlementFactsQuery.read(connection,
                    executions.stream().map(e -> e.customer().value()).distinct().toList());
            List<QuotaTerms> terms = executions.stream()
                    .map(e -> e.terms().termsFor(Optional.ofNullable(facts.get(e.customer().value())))).toList();
            Map<CounterKey, BillingPeriod> counters = new TreeMap<>(CounterKey.ORDER);
            for (int i = 0; i < executions.size(); i++) {
                counters.putIfAbsent(counterOf(executions.get(i), terms.get(i)), terms.get(i).period());
            }
            Map<CounterKey, Long> used = lock(connection, counters.keySet());
            if (used.size() < counters.size()) {
                connection.rollback();
                register(connection, executions.stream().filter(e -> !facts.containsKey(e.customer().value())).toList());
                create(connection, counters, used.keySet());
                connection.commit();
                used = lock(connection, counters.keySet());
            }
            List<Outcome> outcomes = decideAndStore(connection, executions, terms, used);
            connection.commit();
            return outcomes;
        } catch (SQLException | RuntimeException failure) {
            connection.rollback();
            throw failure;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<Outcome> decideAndStore(Connection connection, List<ExecutionToRecord> executions,
            List<QuotaTerms> terms, Map<CounterKey, Long> used) throws SQLException {
        Map<ExecutionKey, Recorded> answered = firstAnswers(connection, executions);
        Map<String, ExecutionKey> keyOwners = keyOwners(connection, executions);
        Map<CounterKey, Long> counted = new LinkedHashMap<>();
        List<Row> toInsert = new ArrayList<>();
        List<ExecutionToRecord> keysToBind = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(executions.size());
        for (int n = 0; n < executions.size(); n++) {
            ExecutionToRecord e = executions.get(n);
            QuotaTerms rule = terms.get(n);
            ExecutionKey execution = new ExecutionKey(e.customer().value(), e.execution().value());
            Optional<ExecutionKey> owner = e.requestKey().map(keyOwners::get);
            if (owner.isPresent() && !owner.get().equals(execution)) {
                outcomes.add(Outcome.refused(new RequestKeyReused("request key of execution " + owner.get().execution()
                        + " sent with " + e.execution())));
                continue;
            }
            Recorded first = answered.get(execution);
            if (first != null) {
                outcomes.add(Outcome.of(new Recorded(first.refusal(), first.usedAfter(), first.limit(), first.period(), true)));
                continue;
            }
            CounterKey counter = counterOf(e, rule);
            Long usedSoFar = used.get(counter);
            if (usedSoFar == null) {
                throw new SQLException("the usage counter of " + counter + " was neither found nor created");
            }
            ExecutionDecision decision = rule.decide(usedSoFar);
            Recorded recorded = new Recorded(decision instanceof ExecutionDecision.Refused refused
                    ? Optional.of(refused.reason()) : Optional.empty(), decision.usage().used(), rule.limit(), rule.period(),
                    false);
            boolean billable = false;
            if (decision instanceof ExecutionDecision.Admitted admitted) {
                used.put(counter, admitted.usage().used());
                counted.put(counter, admitted.usage().used());
                billable = admitted.beyondQuota();
            }
            answered.put(execution, recorded);
            toInsert.add(new Row(e, rule, recorded, billable));
            e.requestKey().ifPresent(key -> {
                keyOwners.put(key, execution);
                keysToBind.add(e);
            });
            outcomes.add(Outcome.of(recorded));
        }
        count(connection, counted);
        insert(connection, toInsert);
        bind(connection, keysToBind);
        return outcomes;
    }

    private static CounterKey counterOf(ExecutionToRecord e, QuotaTerms terms) {
        return new CounterKey(e.customer().value(), terms.period().start());
    }

    /** Customers seen for the first time: active, on Free; one stored meanwhile by another writer is kept. */
    private static void register(Connection connection, List<ExecutionToRecord> newcomers) throws SQLException {
        if (newcomers.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(REGISTER)) {
            for (String customer : newcomers.stream().map(e -> e.customer().value()).distinct().sorted().toList()) {
                OffsetDateTime now = toColumn(newcomers.get(0).now());
                insert.setString(1, customer);
                insert.setObject(2, now);
                insert.setObject(3, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Locks the customers' counters of every period from the batch's earliest to its latest (nearly always one period,
     * so nothing more), and answers those of the batch. One statement text whatever the batch's size, so the database
     * prepares it once per connection rather than planning a new statement for every batch.
     */
    private static Map<CounterKey, Long> lock(Connection connection, Collection<CounterKey> counters) throws SQLException {
        Map<CounterKey, Long> used = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(LOCK_COUNTERS)) {
            query.setArray(1, texts(connection, counters.stream().map(CounterKey::customer)));
            query.setObject(2, toColumn(counters.stream().map(CounterKey::periodStart).min(Comparator.naturalOrder()).orElseThrow()));
            query.setObject(3, toColumn(counters.stream().map(CounterKey::periodStart).max(Comparator.naturalOrder()).orElseThrow()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    CounterKey counter = new CounterKey(row.getString(1), fromColumn(row.getObject(2, OffsetDateTime.class)));
                    if (counters.contains(counter)) {
                        used.put(counter, row.getLong(3));
                    }
                }
            }
        }
        return used;
    }

    private static java.sql.Array texts(Connection connection, java.util.stream.Stream<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.distinct().toArray());
    }

    /** The missing counters at zero, in the locking order; one created meanwhile by another writer is kept. */
    private static void create(Connection connection, Map<CounterKey, BillingPeriod> counters, Collection<CounterKey> existing)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into usage_counter (customer_id, period_start, "
                + "period_end, used) values (?, ?, ?, 0) on conflict do nothing")) {
            for (Map.Entry<CounterKey, BillingPeriod> counter : counters.entrySet()) {
                if (!existing.contains(counter.getKey())) {
                    insert.setString(1, counter.getKey().customer());
                    insert.setObject(2, toColumn(counter.getValue().start()));
                    insert.setObject(3, toColumn(counter.getValue().end()));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static Map<ExecutionKey, Recorded> firstAnswers(Connection connection, List<ExecutionToRecord> executions)
            throws SQLException {
        Map<ExecutionKey, Recorded> answers = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(FIRST_ANSWERS)) {
            query.setArray(1, connection.createArrayOf("varchar", executions.stream().map(e -> e.customer().value()).toArray()));
            query.setArray(2, connection.createArrayOf("varchar", executions.stream().map(e -> e.execution().value()).toArray()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    long limit = row.getLong(5);
                    OptionalLong storedLimit = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(limit);
                    answers.put(new ExecutionKey(row.getString(1), row.getString(2)), new Recorded(
                            Optional.ofNullable(row.getString(3)).map(ExecutionDecision.Reason::valueOf), row.getLong(4),
                            storedLimit, new BillingPeriod(fromColumn(row.getObject(6, OffsetDateTime.class)), fromColumn(row.getObject(7, OffsetDateTime.class))), true));
                }
            }
        }
        return answers;
    }

    private static Map<String, ExecutionKey> keyOwners(Connection connection, List<ExecutionToRecord> executions)
            throws SQLException {
        List<String> keys = executions.stream().flatMap(e -> e.requestKey().stream()).distinct().toList();
        Map<String, ExecutionKey> owners = new HashMap<>();
        if (keys.isEmpty()) {
            return owners;
        }
        try (PreparedStatement query = connection.prepareStatement(KEY_OWNERS)) {
            query.setArray(1, texts(connection, keys.stream()));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    owners.put(row.getString(1), new ExecutionKey(row.getString(2), row.getString(3)));
                }
            }
        }
        return owners;
    }

    private static void count(Connection connection, Map<CounterKey, Long> counted) throws SQLException {
        if (counted.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(COUNT)) {
            for (Map.Entry<CounterKey, Long> counter : counted.entrySet()) {
                update.setLong(1, counter.getValue());
                update.setString(2, counter.getKey().customer());
                update.setObject(3, toColumn(counter.getKey().periodStart()));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void insert(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EXECUTION)) {
            for (Row row : rows) {
                ExecutionToRecord e = row.execution();
                QuotaTerms terms = row.terms();
                Recorded answer = row.answer();
                boolean admitted = answer.refusal().isEmpty();
                insert.setString(1, e.customer().value());
                insert.setString(2, e.execution().value());
                insert.setObject(3, toColumn(terms.period().start()));
                insert.setObject(4, toColumn(terms.period().end()));
                if (terms.limit().isPresent()) {
                    insert.setLong(5, terms.limit().getAsLong());
                } else {
                    insert.setNull(5, Types.BIGINT);
                }
                insert.setBoolean(6, admitted);
                insert.setString(7, answer.refusal().map(Enum::name).orElse(null));
                insert.setLong(8, answer.usedAfter());
                insert.setObject(9, toColumn(e.now()));
                insert.setString(10, row.billable() ? "PENDING" : "NONE");
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bind(Connection connection, List<ExecutionToRecord> keyed) throws SQLException {
        if (keyed.isEmpty()) {
            return;
        }
        try (PreparedStatement bind = connection.prepareStatement(BIND_REQUEST_KEY)) {
            for (ExecutionToRecord e : keyed) {
                bind.setString(1, e.requestKey().orElseThrow());
                bind.setString(2, e.customer().value());
                bind.setString(3, e.execution().value());
                bind.setObject(4, toColumn(e.now()));
                bind.addBatch();
            }
            bind.executeBatch();
        }
    }
}
