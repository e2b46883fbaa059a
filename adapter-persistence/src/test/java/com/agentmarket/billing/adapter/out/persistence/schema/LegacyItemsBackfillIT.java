package com.agentmarket.billing.adapter.out.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a database whose subscriptions were stored before item prices were kept (schema version 5): their item
 * ids stay, and each live one is queued in the webhook inbox to be synced from Stripe, which stores the items with
 * their prices.
 */
class LegacyItemsBackfillIT {

    private static final String URL = System.getProperty("test.db.url", "jdbc:postgresql://127.0.0.1:5432/billing_test");
    private static final String USER = System.getProperty("test.db.user", "billing_test");
    private static final String PASSWORD = System.getProperty("test.db.password", "billing_test");

    private static Flyway migrationsUpTo(String target) {
        return Flyway.configure().dataSource(URL, USER, PASSWORD).locations("classpath:db/migration")
                .failOnMissingLocations(true).cleanDisabled(false).target(target).load();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @BeforeAll
    static void upgradeFromVersion5() throws SQLException {
        Flyway v5 = migrationsUpTo("5");
        v5.clean();
        v5.migrate();
        execute("insert into customer (id, account_status, version, created_at, updated_at) values "
                + "('user_old', 'ACTIVE', 1, current_timestamp, current_timestamp)");
        for (String[] row : new String[][] {{"sub_live", "ACTIVE"}, {"sub_gone", "CANCELED"}}) {
            execute("insert into subscription (id, customer_id, plan_id, status, current_period_start, current_period_end, "
                    + "cancel_at_period_end, items, version, created_at, updated_at) values ('" + row[0] + "', 'user_old', "
                    + "'PRO', '" + row[1] + "', timestamp with time zone '2026-08-01 00:00:00+00', "
                    + "timestamp with time zone '2026-09-01 00:00:00+00', false, 'si_" + row[0].substring(4) + "', 1, "
                    + "current_timestamp, current_timestamp)");
        }
        migrationsUpTo("latest").migrate();
    }

    @Test
    void live_subscriptions_stored_without_item_prices_keep_their_items_and_are_queued_for_a_sync() throws SQLException {
        assertThat(count("select count(*) from subscription where items = 'si_live'")).isEqualTo(1);
        assertThat(count("select count(*) from webhook_event where event_id = 'backfill_sub_live' and status = 'RECEIVED' "
                + "and type = 'customer.subscription.updated' and object_id = 'sub_live'")).isEqualTo(1);
        assertThat(count("select count(*) from webhook_event where object_id = 'sub_gone'")).as("an ended one stays").isZero();
        assertThat(count("select count(*) from subscription where stripe_created is not null and observed_at is not null"))
                .isEqualTo(2);
    }
}
