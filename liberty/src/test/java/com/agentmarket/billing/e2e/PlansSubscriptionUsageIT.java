package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The foundation's vertical slices: plans, my subscription and my usage, through Liberty and PostgreSQL. */
class PlansSubscriptionUsageIT {

    private static final Instant MONTH_START = OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1)
            .truncatedTo(ChronoUnit.DAYS).toInstant();
    private static final Instant NEXT_MONTH_START = MONTH_START.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();

    @Test
    void the_plans_are_the_four_tiers_with_the_configured_stripe_prices() {
        String body = api().get("/api/v1/billing/plans").then()
                .statusCode(200)
                .contentType("application/json")
                .body("id", contains("free", "basic", "pro", "enterprise"))
                .body("name", contains("Free", "Basic", "Pro", "Enterprise"))
                .body("currency", contains("usd", "usd", "usd", "usd"))
                .body("interval", contains("month", "month", "month", "month"))
                .body("executions_per_month", contains(10, 100, 1000, null))
                .body("price_id", contains(null, "price_1TSvcBasicMonthly000001", "price_1TSvcProMonthly0000001", null))
                .body("[2].features", hasItems("Priority support", "Custom agents", "Analytics dashboard"))
                .body("[3].features", hasItems("SLA guarantee"))
                .extract().asString();

        assertThat(body).contains("\"amount\":0.00", "\"amount\":29.00", "\"amount\":99.00", "\"amount\":499.00");
    }

    @Test
    void a_customer_without_a_subscription_is_active_on_free_for_the_calendar_month() {
        String body = asCustomer(newCustomerId()).get("/api/v1/billing/subscription").then()
                .statusCode(200)
                .contentType("application/json")
                .body("id", nullValue())
                .body("status", equalTo("active"))
                .body("plan_name", equalTo("Free"))
                .body("cancel_at_period_end", equalTo(false))
                .body("current_period_start", equalTo((int) MONTH_START.getEpochSecond()))
                .body("current_period_end", equalTo((int) NEXT_MONTH_START.getEpochSecond()))
                .extract().asString();

        assertThat(body).contains("\"plan_amount\":0.00", "\"id\":null");
    }

    @Test
    void a_new_customer_has_used_nothing_of_ten() {
        asCustomer(newCustomerId()).get("/api/v1/billing/usage").then()
                .statusCode(200)
                .body("plan", equalTo("free"))
                .body("used", equalTo(0))
                .body("limit", equalTo(10))
                .body("remaining", equalTo(10))
                .body("period_start", equalTo((int) MONTH_START.getEpochSecond()))
                .body("period_end", equalTo((int) NEXT_MONTH_START.getEpochSecond()));
    }

    @Test
    void a_pro_subscriber_sees_the_stored_subscription_and_usage_against_a_thousand() {
        String customer = newCustomerId();
        String subscription = "sub_e2e" + Math.abs(customer.hashCode());
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        storeSubscriber(customer, subscription, "PRO", "PAST_DUE", start, end, true);
        sql("insert into usage_counter (customer_id, period_start, period_end, used) values (?, ?, ?, 250)",
                customer, start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC));

        String body = asCustomer(customer).get("/api/v1/billing/subscription").then()
                .statusCode(200)
                .body("id", equalTo(subscription))
                .body("status", equalTo("past_due"))
                .body("plan_name", equalTo("Pro"))
                .body("cancel_at_period_end", equalTo(true))
                .body("current_period_start", equalTo((int) start.getEpochSecond()))
                .body("current_period_end", equalTo((int) end.getEpochSecond()))
                .extract().asString();
        assertThat(body).contains("\"plan_amount\":99.00");

        asCustomer(customer).get("/api/v1/billing/usage").then()
                .statusCode(200)
                .body("plan", equalTo("pro"))
                .body("used", equalTo(250))
                .body("limit", equalTo(1000))
                .body("remaining", equalTo(750));
    }

    @Test
    void an_enterprise_subscriber_has_no_limit() {
        String customer = newCustomerId();
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        storeSubscriber(customer, "sub_ent" + Math.abs(customer.hashCode()), "ENTERPRISE", "ACTIVE", start,
                start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(), false);

        asCustomer(customer).get("/api/v1/billing/usage").then()
                .statusCode(200)
                .body("plan", equalTo("enterprise"))
                .body("limit", nullValue())
                .body("remaining", nullValue());
    }

    @Test
    void a_customer_never_sees_another_customers_subscription() {
        String payer = newCustomerId();
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        storeSubscriber(payer, "sub_other" + Math.abs(payer.hashCode()), "ENTERPRISE", "ACTIVE", start,
                start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(), false);

        asCustomer(newCustomerId()).get("/api/v1/billing/subscription").then()
                .statusCode(200)
                .body("id", nullValue())
                .body("plan_name", equalTo("Free"));
    }

    private static void storeSubscriber(String customer, String subscription, String plan, String status, Instant start,
            Instant end, boolean cancelAtPeriodEnd) {
        sql("insert into customer (id, email, account_status, version, created_at, updated_at) "
                + "values (?, ?, 'ACTIVE', 1, now(), now())", customer, customer + "@example.com");
        sql("insert into subscription (id, customer_id, plan_id, status, current_period_start, current_period_end, "
                + "cancel_at_period_end, cancel_at, stripe_created, observed_at, version, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 1, now(), now())", subscription, customer, plan, status,
                start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC), cancelAtPeriodEnd,
                cancelAtPeriodEnd ? end.atOffset(ZoneOffset.UTC) : null, start.atOffset(ZoneOffset.UTC));
        sql("update customer set stripe_subscription_id = ? where id = ?", subscription, customer);
    }
}
