package com.agentmarket.billing.adapter.out.persistence.execution;

import com.agentmarket.billing.adapter.out.persistence.StoreFailures;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The execution hot path in plain JDBC: one transaction reads the entitlement facts, counts and records
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

    /** A transaction that lost to a concurrent one (a deadlock, a key inserted meanwhile) is tried again this often. */
    private static final int ATTEMPTS = 3;

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
    public Recorded record(ExecutionToRecord execution) {
        if (groupCommit != null) {
            return groupCommit.record(execution);
        }
        return writeAll(List.of(execution)).get(0).answer();
    }

    /**
     * One transaction for all of them, tried again when it lost to a concurrent one. A batch that fails for another
     * reason than the database being unreachable is written again one execution at a time, so that one execution's
     * fault (a stored row the rule cannot read, a lock that timed out) fails that execution only. Never throws.
     */
    List<ExecutionBatch.Outcome> writeAll(List<ExecutionToRecord> executions) {
        try {
            return writeRetrying(executions);
        } catch (SQLException | RuntimeException failure) {
            if (executions.size() > 1 && !StoreFailures.isUnreachable(failure)) {
                LOG.warning(() -> "A batch of " + executions.size() + " executions failed (" + failure + "); writing them "
                        + "one by one");
                return executions.stream().flatMap(e -> writeAll(List.of(e)).stream()).toList();
            }
            return executions.stream().map(e -> ExecutionBatch.Outcome.refused(failure instanceof RuntimeException runtime
                    && executions.size() == 1 ? runtime : new IllegalStateException("recording execution " + e.execution()
                    + " failed", failure))).toList();
        }
    }

    private List<ExecutionBatch.Outcome> writeRetrying(List<ExecutionToRecord> executions) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 1;; attempt++) {
                try {
                    return ExecutionBatch.write(connection, executions);
                } catch (SQLException failure) {
                    if (attempt == ATTEMPTS || !StoreFailures.lostToConcurrentWriter(failure)) {
                        throw failure;
                    }
                }
            }
        }
    }
}
