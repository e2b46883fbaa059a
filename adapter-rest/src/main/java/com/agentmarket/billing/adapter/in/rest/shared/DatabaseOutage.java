package com.agentmarket.billing.adapter.in.rest.shared;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Whether a failure means the database cannot be reached now (down, restarting, refusing connections, the pool out
 * of connections), as opposed to a fault of ours. Read from the JDBC cause wherever the failure surfaced: in a
 * repository, the hot path's JDBC, or a transaction's commit.
 */
final class DatabaseOutage {

    /** PostgreSQL's admin_shutdown, crash_shutdown, cannot_connect_now and too_many_connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseOutage() {
    }

    /** Reads the whole chain of causes once; a chain that loops back (A caused by B caused by A) ends there. */
    static boolean isCauseOf(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
