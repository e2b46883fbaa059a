package com.agentmarket.billing.adapter.out.persistence.execution;

import com.agentmarket.billing.adapter.out.persistence.StoreFailures;
import com.agentmarket.billing.adapter.out.persistence.subscription.SubscriptionMapper;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The execution hot path in plain JDBC: one query for the entitlement facts, one statement to count and record.
 *
 * <p>On PostgreSQL, counting and recording are a single statement: an upsert of the period's counter that
 * increments only below the ceiling, feeding the insert of the execution with its answer. The execution's primary
 * key makes a repeat fail that statement as a whole, so its increment never happens, and the first answer is read
 * instead. Row locks on the counter serialise concurrent executions of one customer, so the ceiling is exact. The
 * statement takes the ceiling and the billable threshold from the domain's {@code QuotaTerms}, never derives them. H2
 * (the embedded default for development) lacks data-modifying CTEs; there the counter row is locked and the domain's
 * {@code QuotaTerms.decide} runs on it, in one transaction.
 */
@ApplicationScoped
class JdbcExecutionLedger implements ExecutionLedger {

    private static final String FACTS = "select c.suspension_reason, s.id, s.status, s.plan_id, s.current_period_start, "
            + "s.current_period_end, s.cancel_at_period_end, s.cancel_at, s.customer_id, s.version, s.items, s.stripe_created, "
            + "s.observed_at "
            + "from customer c left join subscription s on s.id = c.stripe_subscription_id where c.id = ?";

    private static final String REGISTER = "insert into customer (id, account_status, version, created_at, updated_at) "
            + "values (?, 'ACTIVE', 1, ?, ?) on conflict do nothing";

    private static final String COUNT_AND_RECORD = "with counted as ("
            + "insert into usage_counter as c (customer_id, period_start, period_end, used) values (?, ?, ?, 1) "
            + "on conflict (customer_id, period_start) do update set used = c.used + 1 where c.used < ? "
            + "returning c.used) "
            + "insert into execution (customer_id, execution_id, period_start, period_end, quota_limit, admitted, refusal, "
            + "used_after, recorded_at, report_state) "
            + "select ?, ?, ?, ?, ?, exists (select 1 from counted), "
            + "case when exists (select 1 from counted) then null else 'QUOTA_EXCEEDED' end, "
            + "coalesce((select used from counted), greatest(coalesce((select used from usage_counter "
            + "where customer_id = ? and period_start = ?), 0), ?)), ?, "
            + "case when (select used from counted) > ? then 'PENDING' else 'NONE' end "
            + "returning admitted, used_after";

    private static final String RECORD_REFUSED = "insert into execution (customer_id, execution_id, period_start, period_end, "
            + "quota_limit, admitted, refusal, used_after, recorded_at, report_state) values (?, ?, ?, ?, ?, false, ?, "
            + "coalesce((select used from usage_counter where customer_id = ? and period_start = ?), 0), ?, 'NONE')";

    private static final String BIND_REQUEST_KEY = "insert into execution_request_key (request_key, customer_id, "
            + "execution_id, created_at) values (?, ?, ?, ?)";

    private static final String REQUEST_KEY_OWNER = "select customer_id, execution_id from execution_request_key "
            + "where request_key = ?";

    private static final String FIRST_ANSWER = "select refusal, used_after, quota_limit, period_start, period_end "
            + "from execution where customer_id = ? and execution_id = ?";

    @Resource(lookup = "jdbc/billing")
    DataSource dataSource;

    private volatile Boolean postgres;

    /** For CDI, which injects the server's data source. */
    protected JdbcExecutionLedger() {
    }

    /** For tests outside the container. */
    JdbcExecutionLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<EntitlementFacts> entitlementFacts(CustomerId customer) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(FACTS)) {
            query.setString(1, customer.value());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                boolean suspended = row.getString(1) != null;
                Optional<Subscription> subscription = row.getString(2) == null ? Optional.empty()
                        : Optional.of(Subscription.reconstitute(new StripeSubscriptionId(row.getString(2)),
                                new CustomerId(row.getString(9)), PlanId.valueOf(row.getString(4)),
                                SubscriptionStatus.valueOf(row.getString(3)),
                                new BillingPeriod(instant(row, 5), instant(row, 6)), row.getBoolean(7),
                                Optional.ofNullable(row.getObject(8, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                                SubscriptionMapper.itemsFromColumn(row.getString(11)), instant(row, 12), instant(row, 13),
                                row.getLong(10)));
                return Optional.of(new EntitlementFacts(suspended, subscription));
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("reading the entitlement of " + customer + " failed", failure);
        }
    }

    @Override
    public void registerCustomer(CustomerId customer, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(REGISTER)) {
            insert.setString(1, customer.value());
            insert.setObject(2, utc(now));
            insert.setObject(3, utc(now));
            insert.executeUpdate();
        } catch (SQLException failure) {
            throw new IllegalStateException("registering " + customer + " failed", failure);
        }
    }

    /**
     * Without a request key, as the class says. With one, the key is bound to the execution in the same transaction
     * as counting and recording it (a second short statement, only on this path): either both are stored or neither.
     * A repeat fails on the execution's or the key's uniqueness; the key then tells whether it is the same request
     * (the first answer) or another one under a used key (refused, nothing counted).
     */
    @Override
    public Recorded record(ExecutionToRecord execution) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                if (execution.requestKey().isPresent()) {
                    return recordKeyed(connection, execution);
                }
                return recordOnce(connection, execution);
            } catch (SQLException failure) {
                if (StoreFailures.isUniqueViolation(failure)) {
                    requireKeyOfThisExecution(connection, execution);
                    return firstAnswer(connection, execution, true);
                }
                throw failure;
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("recording execution " + execution.execution() + " failed", failure);
        }
    }

    private Recorded recordOnce(Connection connection, ExecutionToRecord execution) throws SQLException {
        if (execution.terms().refusal().isPresent()) {
            return recordRefused(connection, execution);
        }
        return isPostgres(connection) ? countAndRecord(connection, execution) : countAndRecordStepwise(connection, execution);
    }

    private Recorded recordKeyed(Connection connection, ExecutionToRecord e) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement bind = connection.prepareStatement(BIND_REQUEST_KEY)) {
                bind.setString(1, e.requestKey().orElseThrow());
                bind.setString(2, e.customer().value());
                bind.setString(3, e.execution().value());
                bind.setObject(4, utc(e.now()));
                bind.executeUpdate();
            }
            Recorded recorded = recordOnce(connection, e);
            connection.commit();
            return recorded;
        } catch (SQLException failure) {
            connection.rollback();
            throw failure;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** A repeat whose request key, if any, was bound to another execution or customer is refused. */
    private static void requireKeyOfThisExecution(Connection connection, ExecutionToRecord e) throws SQLException {
        if (e.requestKey().isEmpty()) {
            return;
        }
        try (PreparedStatement query = connection.prepareStatement(REQUEST_KEY_OWNER)) {
            query.setString(1, e.requestKey().get());
            try (ResultSet row = query.executeQuery()) {
                if (row.next() && !(row.getString(1).equals(e.customer().value())
                        && row.getString(2).equals(e.execution().value()))) {
                    throw new RequestKeyReused("request key of execution " + row.getString(2) + " sent with " + e.execution());
                }
            }
        }
    }

    private Recorded countAndRecord(Connection connection, ExecutionToRecord e) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNT_AND_RECORD)) {
            long ceiling = e.terms().ceiling().orElse(Long.MAX_VALUE);
            int i = 0;
            statement.setString(++i, e.customer().value());
            statement.setObject(++i, utc(e.period().start()));
            statement.setObject(++i, utc(e.period().end()));
            statement.setLong(++i, ceiling);
            statement.setString(++i, e.customer().value());
            statement.setString(++i, e.execution().value());
            statement.setObject(++i, utc(e.period().start()));
            statement.setObject(++i, utc(e.period().end()));
            setLimit(statement, ++i, e.limit());
            statement.setString(++i, e.customer().value());
            statement.setObject(++i, utc(e.period().start()));
            statement.setLong(++i, ceiling);
            statement.setObject(++i, utc(e.now()));
            statement.setLong(++i, e.terms().billableAbove().orElse(Long.MAX_VALUE));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                boolean admitted = row.getBoolean(1);
                return new Recorded(admitted ? Optional.empty() : Optional.of(ExecutionDecision.Reason.QUOTA_EXCEEDED),
                        row.getLong(2), e.limit(), e.period(), false);
            }
        }
    }

    /** The domain's decision on the locked counter, inside one transaction, for databases without data-modifying CTEs (H2). */
    private Recorded countAndRecordStepwise(Connection connection, ExecutionToRecord e) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement ensure = connection.prepareStatement("insert into usage_counter (customer_id, "
                    + "period_start, period_end, used) values (?, ?, ?, 0) on conflict do nothing")) {
                ensure.setString(1, e.customer().value());
                ensure.setObject(2, utc(e.period().start()));
                ensure.setObject(3, utc(e.period().end()));
                ensure.executeUpdate();
            }
            long usedSoFar;
            try (PreparedStatement read = connection.prepareStatement("select used from usage_counter "
                    + "where customer_id = ? and period_start = ? for update")) {
                read.setString(1, e.customer().value());
                read.setObject(2, utc(e.period().start()));
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    usedSoFar = row.getLong(1);
                }
            }
            ExecutionDecision decision = e.terms().decide(usedSoFar);
            boolean admitted = decision instanceof ExecutionDecision.Admitted;
            long used = decision.usage().used();
            if (admitted) {
                try (PreparedStatement count = connection.prepareStatement("update usage_counter set used = ? "
                        + "where customer_id = ? and period_start = ?")) {
                    count.setLong(1, used);
                    count.setString(2, e.customer().value());
                    count.setObject(3, utc(e.period().start()));
                    count.executeUpdate();
                }
            }
            boolean report = admitted && ((ExecutionDecision.Admitted) decision).beyondQuota();
            try (PreparedStatement insert = connection.prepareStatement("insert into execution (customer_id, execution_id, "
                    + "period_start, period_end, quota_limit, admitted, refusal, used_after, recorded_at, report_state) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, e.customer().value());
                insert.setString(2, e.execution().value());
                insert.setObject(3, utc(e.period().start()));
                insert.setObject(4, utc(e.period().end()));
                setLimit(insert, 5, e.limit());
                insert.setBoolean(6, admitted);
                insert.setString(7, admitted ? null : ExecutionDecision.Reason.QUOTA_EXCEEDED.name());
                insert.setLong(8, used);
                insert.setObject(9, utc(e.now()));
                insert.setString(10, report ? "PENDING" : "NONE");
                insert.executeUpdate();
            }
            connection.commit();
            return new Recorded(admitted ? Optional.empty() : Optional.of(ExecutionDecision.Reason.QUOTA_EXCEEDED), used,
                    e.limit(), e.period(), false);
        } catch (SQLException failure) {
            connection.rollback();
            throw failure;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private Recorded recordRefused(Connection connection, ExecutionToRecord e) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(RECORD_REFUSED)) {
            insert.setString(1, e.customer().value());
            insert.setString(2, e.execution().value());
            insert.setObject(3, utc(e.period().start()));
            insert.setObject(4, utc(e.period().end()));
            setLimit(insert, 5, e.limit());
            insert.setString(6, e.terms().refusal().orElseThrow().name());
            insert.setString(7, e.customer().value());
            insert.setObject(8, utc(e.period().start()));
            insert.setObject(9, utc(e.now()));
            insert.executeUpdate();
        }
        return firstAnswer(connection, e, false);
    }

    private Recorded firstAnswer(Connection connection, ExecutionToRecord e, boolean repeated) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIRST_ANSWER)) {
            query.setString(1, e.customer().value());
            query.setString(2, e.execution().value());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("execution " + e.execution() + " was neither recorded nor found");
                }
                long limit = row.getLong(3);
                OptionalLong storedLimit = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(limit);
                return new Recorded(Optional.ofNullable(row.getString(1)).map(ExecutionDecision.Reason::valueOf),
                        row.getLong(2), storedLimit, new BillingPeriod(instant(row, 4), instant(row, 5)), repeated);
            }
        }
    }

    private boolean isPostgres(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            postgres = known;
        }
        return known;
    }

    private static void setLimit(PreparedStatement statement, int index, OptionalLong limit) throws SQLException {
        if (limit.isPresent()) {
            statement.setLong(index, limit.getAsLong());
        } else {
            statement.setNull(index, java.sql.Types.BIGINT);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
