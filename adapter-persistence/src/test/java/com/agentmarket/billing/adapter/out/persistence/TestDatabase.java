package com.agentmarket.billing.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;

/**
 * A real database for the adapter tests: the PostgreSQL that {@code ./test.sh} prepares (or H2 in PostgreSQL mode,
 * the embedded default), migrated by the application's own Flyway migrations, and the application's own
 * persistence unit on top, run outside the container with local transactions.
 */
public final class TestDatabase implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final EntityManagerFactory emf;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .failOnMissingLocations(true).cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        this.emf = Persistence.createEntityManagerFactory("billing", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.user", user,
                "jakarta.persistence.jdbc.password", password,
                "eclipselink.weaving", "false"));
    }

    /** The test PostgreSQL on 127.0.0.1:5432, from the system properties the build sets. */
    public static TestDatabase postgres() {
        return new TestDatabase(
                System.getProperty("test.db.url", "jdbc:postgresql://127.0.0.1:5432/billing_test"),
                System.getProperty("test.db.user", "billing_test"),
                System.getProperty("test.db.password", "billing_test"));
    }

    /** A private in-memory H2 in the mode the server's embedded default uses. */
    public static TestDatabase h2(String name) {
        return new TestDatabase("jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** Runs {@code work} in one committed transaction on a fresh entity manager. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /** A data source on the same database, for adapters that use JDBC directly. */
    public javax.sql.DataSource dataSource() {
        return new javax.sql.DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return DriverManager.getConnection(url, user, password);
            }

            @Override
            public Connection getConnection(String u, String p) throws SQLException {
                return DriverManager.getConnection(url, u, p);
            }

            @Override
            public java.io.PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(java.io.PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public java.util.logging.Logger getParentLogger() {
                return java.util.logging.Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    /** Runs plain SQL, for set-up and for checking what was really stored. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long count(String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void truncateAll() {
        execute("delete from operator_flag");
        execute("delete from execution_request_key");
        execute("delete from work_inflight");
        execute("delete from usage_window");
        execute("delete from usage_report");
        execute("delete from execution");
        execute("delete from webhook_event");
        execute("delete from notification");
        execute("delete from invoice");
        execute("delete from billing_action");
        execute("delete from usage_counter");
        execute("delete from subscription");
        execute("delete from customer");
    }

    @Override
    public void close() {
        emf.close();
    }
}
