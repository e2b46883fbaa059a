package com.agentmarket.billing.adapter.out.persistence.execution;

import com.agentmarket.billing.adapter.out.persistence.subscription.SubscriptionMapper;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The execution hot path in plain JDBC: one query for the entitlement facts, one transaction to count and record
 * ({@link ExecutionBatch}).
 *
 * <p>With group commit on ({@link GroupCommitSettings}), executions recorded at the same time share that transaction
 * ({@link GroupCommit}); off, each is written alone on the request's thread. Either way an execution is answered only
 * once its row is committed, the quota is exact per customer, and a repeated execution id gets the first answer. The
 * same statements run on PostgreSQL and on the embedded H2.
 */
@ApplicationScoped
class JdbcExecutionLedger implements ExecutionLedger {

    private static final Logger LOG = Logger.getLogger(JdbcExecutionLedger.class.getName());

    private static final String FACTS = "select c.suspension_reason, s.id, s.status, s.plan_id, s.current_period_start, "
            + "s.current_period_end, s.cancel_at_period_end, s.cancel_at, s.customer_id, s.version, s.items, s.stripe_created, "
            + "s.observed_at "
            + "from customer c left join subscription s on s.id = c.stripe_subscription_id where c.id = ?";

    private static final String REGISTER = "insert into customer (id, account_status, version, created_at, updated_at) "
            + "values (?, 'ACTIVE', 1, ?, ?) on conflict do nothing";

    /** A transaction that lost to a concurrent one (a deadlock, a key inserted meanwhile) is tried again this often. */
    private static final int ATTEMPTS = 3;
    /** Unique violation, serialization failure, deadlock (PostgreSQL and H2 alike). */
    private static final Set<String> CONTENTION = Set.of("23505", "40001", "40P01");

    @Resource(lookup = "jdbc/billing")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    GroupCommitSettings groupCommitSettings;

    private GroupCommit groupCommit;

    /** For CDI, which injects the server's data source, its thread factory and the settings. */
    protected JdbcExecutionLedger() {
    }

    /** For tests outside the container: each execution in its own transaction. */
    JdbcExecutionLedger(DataSource dataSource) {
        this.dataSource = dataSource;
        this.groupCommitSettings = GroupCommitSettings.OFF;
    }

    /** For tests outside the container, with group commit. */
    JdbcExecutionLedger(DataSource dataSource, GroupCommitSettings settings, ThreadFactory threads) {
        this.dataSource = dataSource;
        this.groupCommitSettings = settings;
        startWriters(threads);
    }

    @PostConstruct
    void start() {
        startWriters(threads);
    }

    private void startWriters(ThreadFactory factory) {
        if (groupCommitSettings.enabled()) {
            groupCommit = new GroupCommit(groupCommitSettings, factory, this::writeAll);
            LOG.info(() -> "Executions are recorded with " + groupCommitSettings);
        }
    }

    @PreDestroy
    void stop() {
        if (groupCommit != null) {
            groupCommit.close();
        }
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

    @Override
    public Recorded record(ExecutionToRecord execution) {
        if (groupCommit != null) {
            return groupCommit.record(execution);
        }
        return writeAll(List.of(execution)).get(0).answer();
    }

    /** One transaction for all of them, tried again when it lost to a concurrent one; never throws. */
    private List<ExecutionBatch.Outcome> writeAll(List<ExecutionToRecord> executions) {
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 1;; attempt++) {
                try {
                    return ExecutionBatch.write(connection, executions);
                } catch (SQLException failure) {
                    if (attempt == ATTEMPTS || !lostToConcurrentWriter(failure)) {
                        throw failure;
                    }
                }
            }
        } catch (SQLException failure) {
            RuntimeException failed = new IllegalStateException("recording " + (executions.size() == 1
                    ? "execution " + executions.get(0).execution() : executions.size() + " executions") + " failed", failure);
            return executions.stream().map(e -> ExecutionBatch.Outcome.refused(failed)).toList();
        }
    }

    /** Read through the causes and a batch's chained exceptions, where the JDBC drivers put the statement's state. */
    private static boolean lostToConcurrentWriter(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (SQLException next = cause instanceof SQLException sql ? sql : null; next != null; next = next.getNextException()) {
                if (CONTENTION.contains(next.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
