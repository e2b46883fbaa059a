package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.text;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One live subscription per customer: a new checkout expires the customer's earlier open sessions at Stripe, and a
 * second subscription that still appears (a completed session racing the expiry) is canceled at once and refunded,
 * so nobody pays twice.
 */
class OneLiveSubscriptionIT {

    private static final String APP = E2e.BASE_URL;
    private final StripeWorld world = new StripeWorld();

    private void stripeCreatesSessions() {
        stripe().stubFor(post(urlEqualTo("/v1/customers"))
                .withFormParam("metadata[customer_id]", WireMock.equalTo(world.customer))
                .willReturn(okJson(StripeFixtures.customer(world.stripeCustomer, world.customer + "@example.com").toString())));
        for (String price : List.of(E2e.PRO_PRICE, E2e.BASIC_PRICE)) {
            stripe().stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                    .withFormParam("client_reference_id", WireMock.equalTo(world.customer))
                    .withFormParam("line_items[0][price]", WireMock.equalTo(price))
                    .willReturn(okJson(StripeFixtures.checkoutSession(session(price), world.stripeCustomer, world.customer,
                            null, false).toString())));
        }
    }

    private String session(String price) {
        return "cs_test_" + (price.equals(E2e.PRO_PRICE) ? "pro" : "basic") + world.suffix;
    }

    private io.restassured.response.ValidatableResponse checkout(String price) {
        return asCustomer(world.customer).contentType("application/json")
                .body(Map.of("price_id", price, "success_url", APP + "/success.html?session_id={CHECKOUT_SESSION_ID}",
                        "cancel_url", APP + "/cancel.html"))
                .post("/api/v1/billing/checkout/session").then();
    }

    private static JsonObject expired(JsonObject session) {
        session.addProperty("status", "expired");
        return session;
    }

    @Test
    void a_new_checkout_expires_the_customers_open_session_at_stripe() {
        stripeCreatesSessions();
        String pro = session(E2e.PRO_PRICE);
        stripe().stubFor(post(urlEqualTo("/v1/checkout/sessions/" + pro + "/expire")).willReturn(okJson(expired(
                StripeFixtures.checkoutSession(pro, world.stripeCustomer, world.customer, null, false)).toString())));

        checkout(E2e.PRO_PRICE).statusCode(200).body("session_id", equalTo(pro));
        checkout(E2e.BASIC_PRICE).statusCode(200).body("session_id", equalTo(session(E2e.BASIC_PRICE)));

        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions/" + pro + "/expire"))
                .withHeader("Idempotency-Key", matching(".+")));
        stripe().verify(0, postRequestedFor(urlEqualTo("/v1/checkout/sessions/" + session(E2e.BASIC_PRICE) + "/expire")));
        assertThat(text("select closed_as from billing_action where result_reference = ?", pro))
                .as("the expiry is recorded with the checkout attempt").isEqualTo("EXPIRED");
        assertThat(text("select closed_as from billing_action where result_reference = ?", session(E2e.BASIC_PRICE))).isNull();
    }

    @Test
    void a_session_paid_meanwhile_means_the_customer_is_subscribed() {
        stripeCreatesSessions();
        String pro = session(E2e.PRO_PRICE);
        checkout(E2e.PRO_PRICE).statusCode(200);
        String subscription = "sub_paid" + world.suffix;
        world.has("/v1/checkout/sessions", StripeFixtures.checkoutSession(pro, world.stripeCustomer, world.customer,
                subscription, true));
        world.hasSubscription(world.subscription(subscription, E2e.PRO_PRICE, "active"));
        stripe().stubFor(post(urlEqualTo("/v1/checkout/sessions/" + pro + "/expire")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(StripeFixtures.error("invalid_request_error", null,
                        "Only Checkout Sessions with a status of `open` can be expired."))));

        checkout(E2e.BASIC_PRICE).statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("already-subscribed"));

        stripe().verify(0, postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withFormParam("line_items[0][price]", WireMock.equalTo(E2e.BASIC_PRICE))
                .withFormParam("client_reference_id", WireMock.equalTo(world.customer)));
        asCustomer(world.customer).get("/api/v1/billing/subscription").then()
                .statusCode(200).body("id", equalTo(subscription)).body("plan_name", equalTo("Pro"));
        assertThat(text("select closed_as from billing_action where result_reference = ?", pro)).isEqualTo("COMPLETE");
    }

    @Test
    void a_second_subscription_that_still_appears_is_canceled_at_once_and_refunded_and_the_plan_stays() {
        String first = "sub_first" + world.suffix;
        String second = "sub_second" + world.suffix;
        String secondInvoice = "in_second" + world.suffix;
        world.hasSubscription(world.subscription(first, E2e.PRO_PRICE, "active"));
        world.event("customer.subscription.created", first);

        JsonObject duplicate = world.subscription(second, E2e.BASIC_PRICE, "active");
        duplicate.addProperty("created", Instant.now().getEpochSecond());
        duplicate.addProperty("latest_invoice", secondInvoice);
        world.hasSubscription(duplicate);
        world.has("/v1/invoices", world.paidInvoice(secondInvoice, second, 2900));
        JsonObject canceled = duplicate.deepCopy();
        canceled.addProperty("status", "canceled");
        stripe().stubFor(delete(urlPathEqualTo("/v1/subscriptions/" + second)).willReturn(okJson(canceled.toString())));
        stripe().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/credit_notes"))
                .withQueryParam("invoice", WireMock.equalTo(secondInvoice))
                .willReturn(okJson(StripeFixtures.list("/v1/credit_notes"))));
        stripe().stubFor(post(urlEqualTo("/v1/credit_notes")).withFormParam("invoice", WireMock.equalTo(secondInvoice))
                .willReturn(okJson("{\"id\": \"cn_" + world.suffix + "\", \"object\": \"credit_note\", \"invoice\": \""
                        + secondInvoice + "\", \"status\": \"issued\", \"currency\": \"usd\"}")));
        String sessionId = "cs_test_second" + world.suffix;
        JsonObject session = StripeFixtures.checkoutSession(sessionId, world.stripeCustomer, world.customer, second, true);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("customer_id", world.customer);
        session.add("metadata", metadata);
        world.has("/v1/checkout/sessions", session);

        world.event("checkout.session.completed", sessionId);

        stripe().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + second)));
        stripe().verify(0, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + first)));
        List<LoggedRequest> refunds = stripe().findAll(postRequestedFor(urlEqualTo("/v1/credit_notes"))
                .withFormParam("invoice", WireMock.equalTo(secondInvoice)));
        assertThat(refunds).hasSize(1);
        long refunded = Long.parseLong(refunds.get(0).formParameter("refund_amount").firstValue());
        assertThat(refunded).as("what the second subscription charged, for the time it will not run").isBetween(2800L, 2900L);
        assertThat(refunds.get(0).formParameter("reason").firstValue()).isEqualTo("duplicate");
        assertThat(refunds.get(0).getHeader("Idempotency-Key")).isNotBlank()
                .as("the credit note names the action, to be found again if its answer is lost")
                .isEqualTo(refunds.get(0).formParameter("metadata[billing_action]").firstValue());

        asCustomer(world.customer).get("/api/v1/billing/subscription").then()
                .statusCode(200).body("id", equalTo(first)).body("plan_name", equalTo("Pro"));
        assertThat(count("select count(*) from audit_log where target = ? and action = 'subscription.cancel-duplicate'",
                world.customer)).isEqualTo(1);
        assertThat(count("select count(*) from notification where customer_id = ? and notification_key like ?",
                world.customer, "duplicate-subscription:" + second + "%")).isEqualTo(1);
        api().auth().oauth2(tokenInGroups("ops", "billing-admin")).queryParam("size", 200).get("/api/v1/admin/flags").then()
                .statusCode(200)
                .body("items.findAll { it.customer_id == '%s' }.kind".formatted(world.customer), hasItem("duplicate_subscription"))
                .body("items.findAll { it.customer_id == '%s' }.subject".formatted(world.customer), hasItem(second));

        world.hasSubscription(canceled);
        world.event("customer.subscription.deleted", second);
        world.event("checkout.session.completed", sessionId);
        stripe().verify(1, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + second)));
        assertThat(stripe().findAll(postRequestedFor(urlEqualTo("/v1/credit_notes"))
                .withFormParam("invoice", WireMock.equalTo(secondInvoice)))).as("refunded once, whatever comes after")
                .hasSize(1);
        asCustomer(world.customer).get("/api/v1/billing/subscription").then().body("id", equalTo(first));
    }
}
