package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.payingCustomer;
import static com.agentmarket.billing.e2e.E2e.sql;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admin API: operators only, paginated within bounds, every change audited. */
class AdminApiIT {

    private final String operator = "ops_" + newCustomerId();

    private RequestSpecification asOperator() {
        return api().auth().oauth2(tokenInGroups(operator, "billing-admin"));
    }

    @Test
    void an_operator_finds_a_customer_by_id_email_or_stripe_id_and_sees_plan_usage_and_events() {
        String customer = newCustomerId();
        payingCustomer(customer, "PRO", 250);
        String subscription = "sub_pay" + Math.abs(customer.hashCode()) + "PRO";
        String event = "evt_admin" + Math.abs(customer.hashCode());
        sql("insert into webhook_event (event_id, type, livemode, object_id, stripe_created, payload, status, attempts, "
                + "received_at, processed_at) values (?, 'customer.subscription.updated', false, ?, now(), '{}', 'PROCESSED', 1, "
                + "now(), now())", event, subscription);

        for (String query : new String[] {customer, customer.substring(5, 20).toUpperCase(java.util.Locale.ROOT), "cus_pay" + Math.abs(customer.hashCode())}) {
            asOperator().queryParam("query", query).get("/api/v1/admin/customers").then()
                    .statusCode(200).body("items.customer_id", hasItem(customer)).body("total", greaterThanOrEqualTo(1));
        }
        asOperator().get("/api/v1/admin/customers/" + customer).then()
                .statusCode(200)
                .body("customer.customer_id", equalTo(customer))
                .body("customer.status", equalTo("active"))
                .body("subscription.plan_name", equalTo("Pro"))
                .body("usage.used", equalTo(250))
                .body("usage.limit", equalTo(1000))
                .body("recent_webhook_events.event_id", hasItem(event))
                .body("recent_webhook_events.find { it.event_id == '%s' }.type".formatted(event),
                        equalTo("customer.subscription.updated"));
        asOperator().get("/api/v1/admin/customers/nobody_" + customer).then()
                .statusCode(404).contentType("application/problem+json").body("type", endsWith("not-found"));
    }

    @Test
    void suspending_and_reinstating_are_audited_and_take_effect_at_once() {
        String customer = newCustomerId();
        payingCustomer(customer, "PRO", 0);

        asOperator().contentType("application/json").body(Map.of("reason", "chargeback under review"))
                .post("/api/v1/admin/customers/" + customer + "/suspend").then()
                .statusCode(200).body("status", equalTo("suspended")).body("suspension.reason", equalTo("operator"))
                .body("suspension.note", equalTo("chargeback under review"));
        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "run-1"))
                .post("/api/v1/billing/executions").then().statusCode(402).body("type", endsWith("account-suspended"));
        asOperator().post("/api/v1/admin/customers/" + customer + "/reinstate").then()
                .statusCode(200).body("status", equalTo("active"));
        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "run-2"))
                .post("/api/v1/billing/executions").then().statusCode(201);

        assertThat(count("select count(*) from audit_log where actor = ? and target = ? and action = 'customer.suspend' "
                + "and detail = 'chargeback under review'", operator, customer)).isEqualTo(1);
        assertThat(count("select count(*) from audit_log where actor = ? and target = ? and action = 'customer.reinstate'",
                operator, customer)).isEqualTo(1);
        asOperator().contentType("application/json").body(Map.of())
                .post("/api/v1/admin/customers/" + customer + "/suspend").then().statusCode(400);
    }

    @Test
    void forcing_a_usage_report_is_audited() {
        asOperator().post("/api/v1/admin/usage/report").then().statusCode(200).body("backlog.executions", notNullValue());

        assertThat(count("select count(*) from audit_log where actor = ? and action = 'usage.report-now'", operator))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/admin/customers", "/api/v1/admin/webhook-events", "/api/v1/admin/usage/unreported"})
    void every_admin_list_is_for_operators_only_and_keeps_its_page_bounds(String path) {
        api().auth().oauth2(tokenInGroups(newCustomerId(), "customer")).get(path).then().statusCode(403)
                .contentType("application/problem+json");
        api().auth().oauth2(tokenInGroups("platform", "billing-recorder")).get(path).then().statusCode(403);
        api().get(path).then().statusCode(401);
        asOperator().queryParam("size", 0).get(path).then().statusCode(400).contentType("application/problem+json");
        asOperator().queryParam("size", 201).get(path).then().statusCode(400);
        asOperator().queryParam("page", -1).get(path).then().statusCode(400);
        asOperator().queryParam("page", "x").get(path).then().statusCode(400);
        asOperator().queryParam("size", 200).queryParam("page", 0).get(path).then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(200));
    }

    @Test
    void changes_to_customers_are_for_operators_only() {
        String customer = newCustomerId();
        payingCustomer(customer, "BASIC", 0);

        asCustomer(customer).contentType("application/json").body(Map.of("reason", "x"))
                .post("/api/v1/admin/customers/" + customer + "/suspend").then().statusCode(403);
        asCustomer(customer).post("/api/v1/admin/customers/" + customer + "/reinstate").then().statusCode(403);
        assertThat(count("select count(*) from audit_log where target = ?", customer)).isZero();
    }
}
