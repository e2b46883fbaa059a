package com.agentmarket.billing.adapter.out.persistence;

import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** Translates the database's answers to concurrent writers into the application's exception. */
public final class StoreFailures {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Unique violation, serialization failure, deadlock (PostgreSQL and H2 alike). */
    private static final java.util.Set<String> LOST_TO_CONCURRENT_WRITER = java.util.Set.of(UNIQUE_VIOLATION, "40001", "40P01");

    private StoreFailures() {
    }

    /**
     * A concurrent writer won: a stale version, or a row with the same key inserted in between. Anything else is
     * returned as it was.
     */
    public static RuntimeException translate(PersistenceException failure, String what) {
        if (failure instanceof OptimisticLockException || isUniqueViolation(failure)) {
            return new ConcurrentUpdateException(what + " was changed by another writer", failure);
        }
        return failure;
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The transaction lost to a concurrent one (a deadlock, a row with the same key inserted meanwhile) and may succeed
     * if tried again. Read through the causes and a batch's chained exceptions, where the JDBC drivers put the state.
     */
    public static boolean lostToConcurrentWriter(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (SQLException next = cause instanceof SQLException sql ? sql : null; next != null; next = next.getNextException()) {
                if (LOST_TO_CONCURRENT_WRITER.contains(next.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The database or the pool cannot be reached (a connection failure, SQLSTATE class 08). */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.sql.SQLRecoverableException
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
