package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.payingCustomer;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every POST honours {@code Idempotency-Key} the same way: a malformed key is 400, the same key and body return the
 * first answer, the same key with another body is 422 {@code idempotency-key-reused}, and keys belong to the caller.
 */
class IdempotencyKeyIT {

    private final String customer = newCustomerId();

    private static void problem(ValidatableResponse response, int status, String type) {
        response.statusCode(status).contentType("application/problem+json").body("type", endsWith(type));
    }

    private static ValidatableResponse execute(RequestSpecification caller, String key, Map<String, String> body) {
        return caller.header("Idempotency-Key", key).contentType("application/json").body(body)
                .post("/api/v1/billing/executions").then();
    }

    @Test
    void a_key_that_is_not_ascii_is_400() {
        String[] answer = E2e.raw("POST", "/api/v1/billing/executions", Map.of("Authorization", "Bearer "
                + E2e.customerToken(customer), "Content-Type", "application/json", "Idempotency-Key", "ключ"),
                "{\"execution_id\": \"run-1\"}");

        assertThat(answer[0]).isEqualTo("400");
        assertThat(answer[1]).startsWith("application/problem+json");
        assertThat(count("select count(*) from execution where customer_id = ?", customer)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has spaces", "tab\tinside", "x"})
    void a_malformed_key_is_400_on_every_post_and_nothing_is_recorded(String key) {
        String malformed = key.equals("x") ? "x".repeat(256) : key;

        problem(execute(asCustomer(customer), malformed, Map.of("execution_id", "run-1")), 400, "invalid-request");
        problem(asCustomer(customer).header("Idempotency-Key", malformed).contentType("application/json")
                .queryParam("subscription_item_id", "si_nothing").body(Map.of("quantity", 1))
                .post("/api/v1/billing/usage/record").then(), 400, "invalid-request");
        problem(api().auth().oauth2(tokenInGroups("ops", "billing-admin")).header("Idempotency-Key", malformed)
                .post("/api/v1/admin/usage/report").then(), 400, "invalid-request");
        assertThat(count("select count(*) from execution where customer_id = ?", customer)).isZero();
    }

    @Test
    void an_execution_retried_under_its_key_gets_the_first_answer_and_another_body_is_refused() {
        execute(asCustomer(customer), "exec-key-1", Map.of("execution_id", "run-1")).statusCode(201).body("used", equalTo(1));
        execute(asCustomer(customer), "exec-key-1", Map.of("execution_id", "run-1")).statusCode(201).body("used", equalTo(1));

        problem(execute(asCustomer(customer), "exec-key-1", Map.of("execution_id", "run-2")), 422, "idempotency-key-reused");

        assertThat(count("select count(*) from execution where customer_id = ?", customer)).isEqualTo(1);
        execute(asCustomer(customer), "exec-key-2", Map.of("execution_id", "run-1")).statusCode(201).body("used", equalTo(1));
        asCustomer(customer).get("/api/v1/billing/usage").then().body("used", equalTo(1));
    }

    @Test
    void keys_belong_to_the_caller() {
        String other = newCustomerId();
        execute(asCustomer(customer), "shared-key", Map.of("execution_id", "run-1")).statusCode(201);
        execute(asCustomer(other), "shared-key", Map.of("execution_id", "run-9")).statusCode(201);

        RequestSpecification recorder = api().auth().oauth2(tokenInGroups("platform-" + customer, "billing-recorder"));
        execute(recorder, "batch-7", Map.of("execution_id", "run-2", "customer_id", customer)).statusCode(201);
        problem(execute(api().auth().oauth2(tokenInGroups("platform-" + customer, "billing-recorder")), "batch-7",
                Map.of("execution_id", "run-2", "customer_id", other)), 422, "idempotency-key-reused");
        assertThat(count("select count(*) from execution where customer_id = ?", other)).isEqualTo(1);
    }

    @Test
    void recorded_usage_retried_under_its_key_answers_the_first_record_and_another_body_is_refused() {
        payingCustomer(customer, "PRO", 0);
        String item = "si_pay" + Math.abs(customer.hashCode());
        long now = Instant.now().getEpochSecond();
        RequestSpecification record = asCustomer(customer).header("Idempotency-Key", "usage-1").contentType("application/json")
                .queryParam("subscription_item_id", item);

        String id = record.body(Map.of("quantity", 5, "timestamp", now)).post("/api/v1/billing/usage/record").then()
                .statusCode(202).body("duplicate", equalTo(false)).extract().path("id");
        asCustomer(customer).header("Idempotency-Key", "usage-1").contentType("application/json")
                .queryParam("subscription_item_id", item).body(Map.of("quantity", 5, "timestamp", now))
                .post("/api/v1/billing/usage/record").then()
                .statusCode(202).body("id", equalTo(id)).body("quantity", equalTo(5)).body("duplicate", equalTo(true));

        problem(asCustomer(customer).header("Idempotency-Key", "usage-1").contentType("application/json")
                .queryParam("subscription_item_id", item).body(Map.of("quantity", 7, "timestamp", now))
                .post("/api/v1/billing/usage/record").then(), 422, "idempotency-key-reused");
        assertThat(count("select coalesce(sum(event_value), 0) from usage_report where customer_id = ? and source = 'RECORDED'",
                customer)).isEqualTo(5);
    }
}
