package com.agentmarket.billing.adapter.out.persistence.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaUsageLedgerIT {

    private static final BillingPeriod AUGUST = BillingPeriod.calendarMonthOf(Instant.parse("2026-08-15T00:00:00Z"));
    private static final BillingPeriod SEPTEMBER = BillingPeriod.calendarMonthOf(Instant.parse("2026-09-15T00:00:00Z"));

    private static TestDatabase db;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void oneCustomerWithAugustUsage() {
        db.truncateAll();
        db.execute("insert into customer (id, account_status, version, created_at, updated_at) "
                + "values ('user_42', 'ACTIVE', 1, current_timestamp, current_timestamp)");
        db.execute("insert into usage_counter (customer_id, period_start, period_end, used) "
                + "values ('user_42', timestamp with time zone '2026-08-01 00:00:00+00', "
                + "timestamp with time zone '2026-09-01 00:00:00+00', 7)");
    }

    private long usedIn(String customer, BillingPeriod period) {
        return db.inTransaction(em -> new JpaUsageLedger(em).usedIn(new CustomerId(customer), period));
    }

    @Test
    void usage_is_read_for_the_period_asked_for() {
        assertThat(usedIn("user_42", AUGUST)).isEqualTo(7);
        assertThat(usedIn("user_42", SEPTEMBER)).isZero();
    }

    @Test
    void a_customer_without_usage_used_nothing() {
        assertThat(usedIn("someone_else", AUGUST)).isZero();
    }
}
