package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.payingCustomer;
import static com.agentmarket.billing.e2e.E2e.sql;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The execution hot path on the deployed WAR and PostgreSQL. */
class UsageMeteringIT {

    private static ExtractableResponse<Response> execute(String customer, String executionId) {
        return asCustomer(customer).contentType("application/json").body(Map.of("execution_id", executionId))
                .post("/api/v1/billing/executions").then().extract();
    }

    @Test
    void an_allowed_execution_is_201_with_the_figures_and_a_repeat_counts_once() {
        String customer = newCustomerId();

        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "run-1"))
                .post("/api/v1/billing/executions").then()
                .statusCode(201)
                .body("execution_id", equalTo("run-1"))
                .body("used", equalTo(1))
                .body("limit", equalTo(10))
                .body("remaining", equalTo(9))
                .body("period_end", notNullValue());
        String repeat = execute(customer, "run-1").asString();
        execute(customer, "run-2");

        assertThat(repeat).contains("\"used\":1", "\"remaining\":9");
        asCustomer(customer).get("/api/v1/billing/usage").then().body("used", equalTo(2));
    }

    @Test
    void the_eleventh_free_execution_is_402_quota_exceeded_with_the_figures() {
        String customer = newCustomerId();
        for (int i = 1; i <= 10; i++) {
            assertThat(execute(customer, "run-" + i).statusCode()).isEqualTo(201);
        }

        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "run-11"))
                .post("/api/v1/billing/executions").then()
                .statusCode(402)
                .contentType("application/problem+json")
                .body("type", endsWith("quota-exceeded"))
                .body("execution_id", equalTo("run-11"))
                .body("used", equalTo(10))
                .body("limit", equalTo(10))
                .body("remaining", equalTo(0))
                .body("period_end", notNullValue());
        assertThat(execute(customer, "run-11").statusCode()).as("the repeat gets the first answer").isEqualTo(402);
    }

    @Test
    void fifty_parallel_executions_with_three_left_admit_exactly_three() throws Exception {
        String customer = newCustomerId();
        for (int i = 0; i < 7; i++) {
            execute(customer, "warm-" + i);
        }
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> calls = IntStream.range(0, 50)
                    .<Callable<Integer>>mapToObj(i -> () -> execute(customer, "race-" + i).statusCode()).toList();
            List<Integer> statuses = clients.invokeAll(calls).stream().map(future -> {
                try {
                    return future.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();

            assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
            assertThat(statuses).filteredOn(status -> status == 402).hasSize(47);
        } finally {
            clients.shutdownNow();
        }
        asCustomer(customer).get("/api/v1/billing/usage").then().body("used", equalTo(10)).body("remaining", equalTo(0));
    }

    @Test
    void a_suspended_account_is_402_account_suspended_and_nothing_is_counted() {
        String customer = newCustomerId();
        payingCustomer(customer, "PRO", 5);
        sql("update customer set account_status = 'SUSPENDED', suspension_reason = 'OPERATOR', suspended_at = now(), "
                + "suspension_note = 'chargeback' where id = ?", customer);

        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "run-1"))
                .post("/api/v1/billing/executions").then()
                .statusCode(402)
                .body("type", endsWith("account-suspended"))
                .body("used", equalTo(5))
                .body("limit", equalTo(1000));
        asCustomer(customer).get("/api/v1/billing/usage").then().body("used", equalTo(5));
    }

    @Test
    void enterprise_is_unlimited() {
        String customer = newCustomerId();
        payingCustomer(customer, "ENTERPRISE", 1_000_000);

        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "run-1"))
                .post("/api/v1/billing/executions").then()
                .statusCode(201).body("used", equalTo(1_000_001)).body("limit", nullValue()).body("remaining", nullValue());
    }

    @Test
    void the_platform_backend_records_for_a_customer_and_only_it_may_name_one() {
        String customer = newCustomerId();
        String recorder = tokenInGroups("platform-backend", "billing-recorder");

        api().auth().oauth2(recorder).contentType("application/json")
                .body(Map.of("execution_id", "run-1", "customer_id", customer))
                .post("/api/v1/billing/executions").then().statusCode(201).body("used", equalTo(1));
        asCustomer(customer).get("/api/v1/billing/usage").then().body("used", equalTo(1));

        api().auth().oauth2(recorder).contentType("application/json").body(Map.of("execution_id", "run-2"))
                .post("/api/v1/billing/executions").then().statusCode(400).contentType("application/problem+json");
        asCustomer(newCustomerId()).contentType("application/json")
                .body(Map.of("execution_id", "run-3", "customer_id", customer))
                .post("/api/v1/billing/executions").then().statusCode(403).contentType("application/problem+json");
        api().auth().oauth2(tokenInGroups("ops", "billing-admin")).contentType("application/json")
                .body(Map.of("execution_id", "run-4", "customer_id", customer))
                .post("/api/v1/billing/executions").then().statusCode(403);
        assertThat(count("select count(*) from execution where customer_id = ?", customer)).isEqualTo(1);
    }

    @Test
    void malformed_executions_are_refused_clearly() {
        String customer = newCustomerId();
        asCustomer(customer).contentType("application/json").body(Map.of())
                .post("/api/v1/billing/executions").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("execution_id"));
        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "spaces are not ids"))
                .post("/api/v1/billing/executions").then().statusCode(400).contentType("application/problem+json");
        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "x".repeat(129)))
                .post("/api/v1/billing/executions").then().statusCode(400);
    }

    @Test
    void recording_usage_for_an_item_keeps_the_guides_contract_on_billing_meters() {
        String customer = newCustomerId();
        payingCustomer(customer, "PRO", 0);
        String item = "si_pay" + Math.abs(customer.hashCode());
        long now = java.time.Instant.now().getEpochSecond();

        asCustomer(customer).contentType("application/json").queryParam("subscription_item_id", item)
                .body(Map.of("quantity", 100, "timestamp", now, "action", "increment"))
                .post("/api/v1/billing/usage/record").then()
                .statusCode(202).body("quantity", equalTo(100)).body("subscription_item_id", equalTo(item));
        asCustomer(customer).contentType("application/json").queryParam("subscription_item_id", item)
                .body(Map.of("quantity", 100, "action", "set"))
                .post("/api/v1/billing/usage/record").then().statusCode(422).body("type", endsWith("set-not-supported"));
        asCustomer(customer).contentType("application/json").queryParam("subscription_item_id", item)
                .body(Map.of("quantity", 1, "timestamp", now - 36L * 86_400))
                .post("/api/v1/billing/usage/record").then().statusCode(400).body("type", endsWith("timestamp-out-of-range"));
        asCustomer(newCustomerId()).contentType("application/json").queryParam("subscription_item_id", item)
                .body(Map.of("quantity", 1)).post("/api/v1/billing/usage/record").then().statusCode(404);
        assertThat(count("select count(*) from usage_report where customer_id = ? and source = 'RECORDED'", customer))
                .isEqualTo(1);
    }

    /**
     * A Basic subscription as Stripe reports it, synced through a signed {@code customer.subscription.created}: with or
     * without an item on the metered price (a subscription bought before overage billing was set up has none).
     */
    private static String subscribedToBasicThroughStripe(boolean withMeteredItem) {
        String customer = newCustomerId();
        String suffix = java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String subscription = "sub_ovg" + suffix;
        long start = java.time.Instant.now().minusSeconds(3600).getEpochSecond();
        long end = java.time.Instant.ofEpochSecond(start).atOffset(java.time.ZoneOffset.UTC).plusMonths(1).toEpochSecond();
        com.google.gson.JsonObject json = StripeFixtures.subscriptionOf(subscription, "cus_ovg" + suffix, customer,
                E2e.BASIC_PRICE, "active", false, start, end);
        if (withMeteredItem) {
            StripeFixtures.withItem(json, "si_ovgm" + suffix, E2e.METERED_PRICE);
        }
        stripe().stubFor(get(urlEqualTo("/v1/subscriptions/" + subscription)).willReturn(okJson(json.toString())));
        String event = "evt_ovg" + suffix;
        Webhooks.deliver(Webhooks.eventLike("customer.subscription.created", event, subscription, false)).statusCode(200);
        Webhooks.awaitStatus(event, "PROCESSED", java.time.Duration.ofSeconds(20));
        return customer;
    }

    @Test
    void with_overage_billing_only_a_subscription_carrying_the_metered_price_runs_past_its_quota() {
        String withoutItem = subscribedToBasicThroughStripe(false);
        String withItem = subscribedToBasicThroughStripe(true);
        for (int i = 1; i <= 100; i++) {
            assertThat(execute(withoutItem, "run-" + i).statusCode()).as("execution " + i).isEqualTo(201);
            assertThat(execute(withItem, "run-" + i).statusCode()).as("execution " + i).isEqualTo(201);
        }

        asCustomer(withoutItem).contentType("application/json").body(Map.of("execution_id", "run-101"))
                .post("/api/v1/billing/executions").then()
                .statusCode(402).body("type", endsWith("quota-exceeded")).body("used", equalTo(100));
        assertThat(execute(withItem, "run-101").statusCode()).as("billed as overage").isEqualTo(201);

        assertThat(count("select count(*) from execution where customer_id = ? and report_state <> 'NONE'", withoutItem))
                .as("nothing reported for the subscription Stripe could not bill").isZero();
        assertThat(count("select count(*) from execution where customer_id = ? and execution_id = 'run-101' "
                + "and report_state <> 'NONE'", withItem)).as("the 101st waits to be reported or was").isEqualTo(1);
    }
}
