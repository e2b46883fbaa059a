package com.agentmarket.billing.adapter.out.persistence;

import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;

/** Translates the database's answers to concurrent writers into the application's exception. */
public final class StoreFailures {

    private static final String UNIQUE_VIOLATION = "23505";

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
}
