package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input and Stripe's failures: each a clear 4xx/503 problem, and nothing stored half-way. */
class BillingInputIT {

    /** The e2e server's public origin, the only one it redirects to (no other origins are configured). */
    private static final String APP = E2e.BASE_URL;

    private final String customer = newCustomerId();

    private ValidatableResponse checkout(Object body) {
        return asCustomer(customer).contentType("application/json").body(body)
                .post("/api/v1/billing/checkout/session").then();
    }

    private static void problem(ValidatableResponse response, int status, String type) {
        response.statusCode(status).contentType("application/problem+json")
                .body("type", endsWith(type)).body("status", equalTo(status)).body("detail", notNullValue());
    }

    private void stripeKnowsTheCustomer(String stripeCustomer) {
        stripe().stubFor(post(urlEqualTo("/v1/customers")).withFormParam("metadata[customer_id]", WireMock.equalTo(customer))
                .willReturn(okJson(StripeFixtures.customer(stripeCustomer, customer + "@example.com").toString())));
    }

    @Test
    void a_price_that_is_not_on_sale_is_refused() {
        problem(checkout(Map.of("price_id", "price_1SomeoneElsesPrice", "success_url", APP + "/ok", "cancel_url", APP + "/no")),
                400, "unknown-price");
        problem(checkout(Map.of("price_id", "prod_notAPrice", "success_url", APP + "/ok", "cancel_url", APP + "/no")),
                400, "unknown-price");
        assertThat(count("select count(*) from customer where id = ?", customer)).isZero();
    }

    @Test
    void a_redirect_to_a_foreign_origin_is_refused() {
        problem(checkout(Map.of("price_id", StripeFixtures.PRO_PRICE, "success_url", "https://evil.example.net/ok",
                "cancel_url", APP + "/no")), 400, "redirect-not-allowed");
        problem(checkout(Map.of("price_id", StripeFixtures.PRO_PRICE, "success_url", APP + "/ok",
                "cancel_url", "javascript:alert(1)")), 400, "redirect-not-allowed");
    }

    @Test
    void missing_fields_are_named() {
        checkout(Map.of("price_id", StripeFixtures.PRO_PRICE)).statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("invalid-request"))
                .body("detail", allOf(containsString("success_url"), containsString("cancel_url")));
        problem(asCustomer(customer).contentType("application/json").post("/api/v1/billing/checkout/session").then(),
                400, "invalid-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"price_id\": {\"nested\": true}, \"success_url\": 1, \"cancel_url\": []}", "{not json",
            "[1, 2, 3]", "\"just a string\""})
    void bodies_of_the_wrong_shape_are_refused(String body) {
        int status = checkout(body).extract().statusCode();

        assertThat(status).isBetween(400, 499);
        checkout(body).contentType("application/problem+json");
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        problem(asCustomer(customer).contentType("text/plain").body("price_id=price_x")
                .post("/api/v1/billing/checkout/session").then(), 415, "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", "1.5"})
    void an_invoice_limit_outside_one_to_a_hundred_is_refused(String limit) {
        problem(asCustomer(customer).queryParam("limit", limit).get("/api/v1/billing/invoices").then(), 400, "invalid-request");
    }

    @Test
    void the_portal_only_returns_to_allowed_origins() {
        problem(asCustomer(customer).queryParam("return_url", "https://evil.example.net/").get("/api/v1/billing/portal").then(),
                400, "redirect-not-allowed");
        problem(asCustomer(customer).get("/api/v1/billing/portal").then(), 400, "redirect-not-allowed");
    }

    @Test
    void a_customer_without_a_billing_account_has_no_portal_and_nothing_to_cancel_or_resume() {
        problem(asCustomer(customer).queryParam("return_url", APP + "/account").get("/api/v1/billing/portal").then(),
                404, "not-found");
        problem(asCustomer(customer).post("/api/v1/billing/subscription/cancel").then(), 404, "not-found");
        problem(asCustomer(customer).post("/api/v1/billing/subscription/resume").then(), 404, "not-found");
        asCustomer(customer).get("/api/v1/billing/payment-methods").then().statusCode(200).body("size()", equalTo(0));
        asCustomer(customer).get("/api/v1/billing/invoices").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void another_customers_checkout_session_is_not_found() {
        String session = "cs_test_foreign" + UUID.randomUUID().toString().replace("-", "");
        stripe().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v1/checkout/sessions/" + session))
                .willReturn(okJson(StripeFixtures.checkoutSession(session, "cus_other", "someone_else", null, false).toString())));

        problem(asCustomer(customer).get("/api/v1/billing/checkout/session/" + session).then(), 404, "not-found");
        problem(asCustomer(customer).get("/api/v1/billing/checkout/session/not-a-session").then(), 404, "not-found");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_session_and_a_different_body_is_refused() {
        String stripeCustomer = "cus_idem" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stripeKnowsTheCustomer(stripeCustomer);
        stripe().stubFor(post(urlEqualTo("/v1/checkout/sessions")).withFormParam("client_reference_id", WireMock.equalTo(customer))
                .willReturn(okJson(StripeFixtures.checkoutSession("cs_test_idem" + stripeCustomer, stripeCustomer, customer,
                        null, false).toString())));
        Map<String, String> body = Map.of("price_id", StripeFixtures.PRO_PRICE, "success_url", APP + "/ok",
                "cancel_url", APP + "/no");

        String first = asCustomer(customer).header("Idempotency-Key", "buy-pro-1").contentType("application/json").body(body)
                .post("/api/v1/billing/checkout/session").then().statusCode(200).extract().path("session_id");
        String retry = asCustomer(customer).header("Idempotency-Key", "buy-pro-1").contentType("application/json").body(body)
                .post("/api/v1/billing/checkout/session").then().statusCode(200).extract().path("session_id");

        assertThat(retry).isEqualTo(first);
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions")).withFormParam("client_reference_id", WireMock.equalTo(customer)));
        problem(asCustomer(customer).header("Idempotency-Key", "buy-pro-1").contentType("application/json")
                .body(Map.of("price_id", StripeFixtures.BASIC_PRICE, "success_url", APP + "/ok", "cancel_url", APP + "/no"))
                .post("/api/v1/billing/checkout/session").then(), 422, "idempotency-key-reused");
        problem(asCustomer(customer).header("Idempotency-Key", "has spaces").contentType("application/json").body(body)
                .post("/api/v1/billing/checkout/session").then(), 400, "invalid-request");
    }

    @Test
    void a_declined_request_at_stripe_answers_with_stripes_message_and_leaves_the_action_failed() {
        String stripeCustomer = "cus_decl" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stripeKnowsTheCustomer(stripeCustomer);
        stripe().stubFor(post(urlEqualTo("/v1/checkout/sessions")).withFormParam("client_reference_id", WireMock.equalTo(customer))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        StripeFixtures.error("invalid_request_error", "resource_inactive", "The price is archived."))));

        checkout(Map.of("price_id", StripeFixtures.PRO_PRICE, "success_url", APP + "/ok", "cancel_url", APP + "/no"))
                .statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("stripe-rejected"))
                .body("detail", equalTo("The price is archived."));
        assertThat(count("select count(*) from billing_action where customer_id = ? and kind = 'CHECKOUT' and state = 'FAILED'",
                customer)).isEqualTo(1);
    }

    @Test
    void a_rate_limited_or_failing_stripe_is_503_with_retry_after_and_nothing_half_stored() {
        stripe().stubFor(post(urlEqualTo("/v1/customers")).withFormParam("metadata[customer_id]", WireMock.equalTo(customer))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(StripeFixtures.error("invalid_request_error", "rate_limit", "Too many requests"))));

        checkout(Map.of("price_id", StripeFixtures.PRO_PRICE, "success_url", APP + "/ok", "cancel_url", APP + "/no"))
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", endsWith("stripe-unavailable"));
        assertThat(count("select count(*) from customer where id = ? and stripe_customer_id is null", customer)).isEqualTo(1);
        assertThat(count("select count(*) from billing_action where customer_id = ? and state = 'PENDING'", customer))
                .isEqualTo(2);

        stripe().stubFor(post(urlEqualTo("/v1/customers")).withFormParam("metadata[customer_id]", WireMock.equalTo(customer))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody(StripeFixtures.error("api_error", null, "Something went wrong"))));
        checkout(Map.of("price_id", StripeFixtures.PRO_PRICE, "success_url", APP + "/ok", "cancel_url", APP + "/no"))
                .statusCode(503).header("Retry-After", notNullValue());
        assertThat(stripe().findAll(postRequestedFor(urlEqualTo("/v1/customers"))
                .withFormParam("metadata[customer_id]", WireMock.equalTo(customer))))
                .extracting(request -> request.getHeader("Idempotency-Key")).as("every attempt under one key")
                .hasSizeGreaterThan(1).containsOnly(stripe().findAll(postRequestedFor(urlEqualTo("/v1/customers"))
                        .withFormParam("metadata[customer_id]", WireMock.equalTo(customer))).get(0).getHeader("Idempotency-Key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"execution_id\": \"run-1\"}]", "[]", "\"run-1\"", "42", "true", "null"})
    void a_json_value_that_is_not_an_object_is_400(String body) {
        problem(asCustomer(customer).contentType("application/json").body(body).post("/api/v1/billing/executions").then(),
                400, "invalid-request");
        problem(asCustomer(customer).contentType("application/json").queryParam("subscription_item_id", "si_none").body(body)
                .post("/api/v1/billing/usage/record").then(), 400, "invalid-request");
        problem(E2e.api().auth().oauth2(E2e.tokenInGroups("ops", "billing-admin")).contentType("application/json").body(body)
                .post("/api/v1/admin/customers/" + customer + "/suspend").then(), 400, "invalid-request");
        assertThat(count("select count(*) from execution where customer_id = ?", customer)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"quantity\": 1, \"timestamp\": 9223372036854775808}",
            "{\"quantity\": 1, \"timestamp\": 9223372036854775807}", "{\"quantity\": 1, \"timestamp\": -9223372036854775808}",
            "{\"quantity\": 99999999999999999999}", "{\"quantity\": 1.5}", "{\"quantity\": 1e400}"})
    void numbers_out_of_range_are_400_never_500(String body) {
        E2e.payingCustomer(customer, "PRO", 0);
        asCustomer(customer).contentType("application/json").queryParam("subscription_item_id", "si_pay" + Math.abs(customer.hashCode()))
                .body(body).post("/api/v1/billing/usage/record").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/billing/checkout/session/a%2Fb", "/api/v1/%2e%2e/billing/plans", "/no/such/page"})
    void paths_the_web_container_answers_itself_still_get_a_problem(String path) {
        int status = asCustomer(customer).urlEncodingEnabled(false).get(path).then()
                .contentType("application/problem+json").extract().statusCode();

        assertThat(status).isIn(400, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/billing/plans%00", "/api/v1/billing/checkout/session/%zz"})
    void paths_liberty_refuses_before_any_application_are_400(String path) {
        assertThat(E2e.raw("GET", path, Map.of(), "")[0]).isEqualTo("400");
    }
}
