package com.agentmarket.billing.e2e;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * What every end-to-end test needs: the deployed server's address, tokens signed with the key the server trusts,
 * and the PostgreSQL database the server writes to, for setting up state and checking what was stored.
 */
final class E2e {

    static final String BASE_URL = System.getProperty("e2e.base.url", "http://localhost:9080");
    private static final DevTokens TOKENS = loadTokens();

    private E2e() {
    }

    private static DevTokens loadTokens() {
        try {
            return DevTokens.fromDirectory(Path.of(System.getProperty("e2e.jwt.dir", "target/e2e-jwt")));
        } catch (Exception e) {
            throw new IllegalStateException("no development key pair; the build generates it before the server starts", e);
        }
    }

    static DevTokens tokens() {
        return TOKENS;
    }

    /** A customer id nobody else in this run uses. */
    static String newCustomerId() {
        return "user_" + UUID.randomUUID();
    }

    static String customerToken(String customerId) {
        return TOKENS.mint(customerId, List.of("customer"), customerId + "@example.com");
    }

    static String tokenInGroups(String subject, String... groups) {
        return TOKENS.mint(subject, List.of(groups), null);
    }

    static RequestSpecification api() {
        return RestAssured.given().baseUri(BASE_URL).urlEncodingEnabled(true);
    }

    static RequestSpecification asCustomer(String customerId) {
        return api().auth().oauth2(customerToken(customerId));
    }

    /** The tier prices and the metered overage price the e2e server sells (see the liberty module's pom). */
    static final String BASIC_PRICE = "price_1TSvcBasicMonthly000001";
    static final String PRO_PRICE = "price_1TSvcProMonthly0000001";
    static final String METERED_PRICE = "price_1TSvcMeteredOverage01";

    /**
     * A customer on a paid plan, linked to Stripe, its subscription active over the month from yesterday and, as
     * checkout makes it with overage billing on, carrying the tier's price and the metered one.
     */
    static void payingCustomer(String customer, String plan, long usedThisPeriod) {
        java.time.Instant start = java.time.Instant.now().minus(java.time.Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.OffsetDateTime from = start.atOffset(java.time.ZoneOffset.UTC);
        java.time.OffsetDateTime to = from.plusMonths(1);
        String subscription = "sub_pay" + Math.abs(customer.hashCode()) + plan;
        sql("insert into customer (id, email, stripe_customer_id, account_status, version, created_at, updated_at) "
                + "values (?, ?, ?, 'ACTIVE', 1, now(), now())", customer, customer + "@example.com",
                "cus_pay" + Math.abs(customer.hashCode()));
        sql("insert into subscription (id, customer_id, plan_id, status, current_period_start, current_period_end, "
                + "cancel_at_period_end, items, stripe_created, observed_at, version, created_at, updated_at) "
                + "values (?, ?, ?, 'ACTIVE', ?, ?, false, ?, ?, now(), 1, now(), now())", subscription, customer, plan, from, to, "si_pay" + Math.abs(customer.hashCode()) + ":"
                + (plan.equals("BASIC") ? BASIC_PRICE : plan.equals("PRO") ? PRO_PRICE : "price_e2eEnterprise") + ",si_paym"
                + Math.abs(customer.hashCode()) + ":" + METERED_PRICE, from);
        sql("update customer set stripe_subscription_id = ? where id = ?", subscription, customer);
        if (usedThisPeriod > 0) {
            sql("insert into usage_counter (customer_id, period_start, period_end, used) values (?, ?, ?, ?)", customer, from,
                    to, usedThisPeriod);
        }
    }

    /**
     * Sends one HTTP/1.1 request as the exact bytes given (for what HTTP clients refuse to send: a malformed path, a
     * header that is not ASCII) and answers the response's status, content type and body.
     */
    static String[] raw(String method, String path, java.util.Map<String, String> headers, String body) {
        java.net.URI base = java.net.URI.create(BASE_URL);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            byte[] content = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().write(content);
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            String status = head.substring(9, 12);
            String contentType = head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring(13).trim()).findFirst().orElse("");
            return new String[] {status, contentType, response.substring(head.length() + 4)};
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"));
    }

    static void sql(String statement, Object... parameters) {
        try (Connection connection = db(); PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            prepared.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    /** The first column of the first row, as text; null when there is no row. */
    static String text(String query, Object... parameters) {
        try (Connection connection = db(); PreparedStatement prepared = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = prepared.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    /** Every row of the query, each as its columns joined by "|", in the query's order. */
    static java.util.List<String> rows(String query, Object... parameters) {
        try (Connection connection = db(); PreparedStatement prepared = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = prepared.executeQuery()) {
                java.util.List<String> result = new java.util.ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= columns; c++) {
                        row.append(c > 1 ? "|" : "").append(rows.getString(c));
                    }
                    result.add(row.toString());
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    static long count(String query, Object... parameters) {
        try (Connection connection = db(); PreparedStatement prepared = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = prepared.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
