package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseOutageTest {

    @Test
    void a_refused_connection_deep_in_the_causes_is_an_outage() {
        Throwable surfaced = new IllegalStateException("commit failed",
                new RuntimeException("JDBC", new SQLTransientConnectionException("Connection refused")));

        assertThat(DatabaseOutage.isCauseOf(surfaced)).isTrue();
    }

    @Test
    void a_lost_or_unrecoverable_connection_is_an_outage() {
        assertThat(DatabaseOutage.isCauseOf(new SQLNonTransientConnectionException("connection closed"))).isTrue();
        assertThat(DatabaseOutage.isCauseOf(new SQLRecoverableException("I/O error"))).isTrue();
    }

    /** SQLSTATE class 08, and PostgreSQL shutting down, starting up or out of connections. */
    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "57P01", "57P02", "57P03", "53300"})
    void postgresql_states_that_mean_it_cannot_be_reached_now_are_an_outage(String sqlState) {
        assertThat(DatabaseOutage.isCauseOf(new RuntimeException(new SQLException("unavailable", sqlState)))).isTrue();
    }

    /** A unique violation, a syntax error, a deadlock: the database answered, so the fault is ours. */
    @ParameterizedTest
    @ValueSource(strings = {"23505", "42601", "40P01"})
    void a_database_that_answers_with_an_error_is_not_an_outage(String sqlState) {
        assertThat(DatabaseOutage.isCauseOf(new RuntimeException(new SQLException("refused", sqlState)))).isFalse();
    }

    @Test
    void a_failure_without_a_jdbc_cause_is_not_an_outage() {
        assertThat(DatabaseOutage.isCauseOf(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("no state"))).isFalse();
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_cause_chain_that_loops_back_is_read_once_and_ends() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(DatabaseOutage.isCauseOf(second)).isFalse();
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void an_outage_inside_a_looping_chain_is_still_found() {
        RuntimeException wrapper = new RuntimeException("wrapper");
        SQLException refused = new SQLException("refused", "08006", wrapper);
        wrapper.initCause(refused);

        assertThat(DatabaseOutage.isCauseOf(wrapper)).isTrue();
    }
}
