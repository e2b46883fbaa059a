package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The guide's customer flow on the deployed WAR, with stripe-java talking HTTP to a Stripe stub: checkout session,
 * subscription visible, cancel, resume, payment methods, invoices, portal.
 */
class CustomerBillingFlowIT {

    private static final String PRO = StripeFixtures.PRO_PRICE;
    /** The e2e server's public origin, the only one it redirects to (no other origins are configured). */
    private static final String APP = E2e.BASE_URL;

    private final String customer = newCustomerId();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final String stripeCustomer = "cus_e2e" + suffix;
    private final String session = "cs_test_e2e" + suffix;
    private final String subscription = "sub_e2e" + suffix;
    private final long periodStart = Instant.now().minus(1, ChronoUnit.DAYS).getEpochSecond();
    private final long periodEnd = Instant.ofEpochSecond(periodStart).atOffset(ZoneOffset.UTC).plusMonths(1).toEpochSecond();

    private String subscriptionJson(boolean cancelAtPeriodEnd) {
        return StripeFixtures.subscriptionOf(subscription, stripeCustomer, customer, PRO, "active", cancelAtPeriodEnd,
                periodStart, periodEnd).toString();
    }

    @Test
    void a_customer_buys_pro_cancels_resumes_and_manages_billing() {
        stripe().stubFor(post(urlEqualTo("/v1/customers")).withFormParam("metadata[customer_id]", WireMock.equalTo(customer))
                .willReturn(okJson(StripeFixtures.customer(stripeCustomer, customer + "@example.com").toString())));
        stripe().stubFor(post(urlEqualTo("/v1/checkout/sessions")).withFormParam("client_reference_id", WireMock.equalTo(customer))
                .willReturn(okJson(StripeFixtures.checkoutSession(session, stripeCustomer, customer, null, false).toString())));

        // 1. checkout: the browser is sent to Stripe's hosted page
        asCustomer(customer).contentType("application/json")
                .body(Map.of("price_id", PRO, "success_url", APP + "/billing/success?session_id={CHECKOUT_SESSION_ID}",
                        "cancel_url", APP + "/billing/cancel"))
                .post("/api/v1/billing/checkout/session").then()
                .statusCode(200)
                .body("session_id", equalTo(session))
                .body("url", equalTo("https://checkout.stripe.com/c/pay/" + session));
        stripe().verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withFormParam("client_reference_id", WireMock.equalTo(customer))
                .withFormParam("customer", WireMock.equalTo(stripeCustomer))
                .withFormParam("mode", WireMock.equalTo("subscription"))
                .withFormParam("line_items[0][price]", WireMock.equalTo(PRO))
                .withFormParam("metadata[customer_id]", WireMock.equalTo(customer))
                .withFormParam("subscription_data[metadata][customer_id]", WireMock.equalTo(customer))
                .withHeader("Idempotency-Key", matching("[0-9a-f-]{36}"))
                .withHeader("Stripe-Version", WireMock.equalTo("2026-07-29.dahlia")));

        // 2. the customer paid; the success page confirms without waiting for a webhook
        stripe().stubFor(get(urlEqualTo("/v1/checkout/sessions/" + session)).willReturn(okJson(
                StripeFixtures.checkoutSession(session, stripeCustomer, customer, subscription, true).toString())));
        stripe().stubFor(get(urlEqualTo("/v1/subscriptions/" + subscription)).willReturn(okJson(subscriptionJson(false))));
        asCustomer(customer).get("/api/v1/billing/checkout/session/" + session).then()
                .statusCode(200)
                .body("id", equalTo(subscription))
                .body("status", equalTo("active"))
                .body("plan_name", equalTo("Pro"));
        asCustomer(customer).get("/api/v1/billing/subscription").then()
                .statusCode(200)
                .body("id", equalTo(subscription))
                .body("current_period_start", equalTo((int) periodStart))
                .body("current_period_end", equalTo((int) periodEnd))
                .body("cancel_at_period_end", equalTo(false));
        asCustomer(customer).get("/api/v1/billing/usage").then().body("plan", equalTo("pro")).body("limit", equalTo(1000));
        assertThat(count("select count(*) from customer where id = ? and stripe_customer_id = ? and stripe_subscription_id = ?",
                customer, stripeCustomer, subscription)).isEqualTo(1);

        // 3. cancel at period end, 4. resume
        stripe().stubFor(post(urlEqualTo("/v1/subscriptions/" + subscription))
                .withFormParam("cancel_at_period_end", WireMock.equalTo("true")).willReturn(okJson(subscriptionJson(true))));
        stripe().stubFor(post(urlEqualTo("/v1/subscriptions/" + subscription))
                .withFormParam("cancel_at_period_end", WireMock.equalTo("false")).willReturn(okJson(subscriptionJson(false))));
        asCustomer(customer).post("/api/v1/billing/subscription/cancel").then()
                .statusCode(200)
                .body("message", equalTo("Subscription will be cancelled at period end"))
                .body("cancel_at", equalTo((int) periodEnd));
        stripe().stubFor(get(urlEqualTo("/v1/subscriptions/" + subscription)).willReturn(okJson(subscriptionJson(true))));
        asCustomer(customer).get("/api/v1/billing/subscription").then().body("cancel_at_period_end", equalTo(true));
        asCustomer(customer).post("/api/v1/billing/subscription/resume").then()
                .statusCode(200)
                .body("id", equalTo(subscription))
                .body("cancel_at_period_end", equalTo(false));
        assertThat(stripe().findAll(postRequestedFor(urlEqualTo("/v1/subscriptions/" + subscription))))
                .extracting(request -> request.getHeader("Idempotency-Key")).hasSize(2).doesNotHaveDuplicates();

        // 5. payment methods, 6. invoices, 7. portal
        stripe().stubFor(get(urlPathEqualTo("/v1/customers/" + stripeCustomer + "/payment_methods")).willReturn(okJson(
                StripeFixtures.list("/v1/customers/" + stripeCustomer + "/payment_methods", StripeFixtures.paymentMethod()))));
        asCustomer(customer).get("/api/v1/billing/payment-methods").then()
                .statusCode(200)
                .body("id", contains("pm_1Pgc75B7WZ01zgkWlHVgdEGJ"))
                .body("type", contains("card"))
                .body("card_brand", contains("visa"))
                .body("card_last4", contains("4242"))
                .body("card_exp_month", contains(8))
                .body("card_exp_year", contains(2030));

        stripe().stubFor(get(urlPathEqualTo("/v1/invoices")).withQueryParam("customer", WireMock.equalTo(stripeCustomer))
                .willReturn(okJson(StripeFixtures.list("/v1/invoices", StripeFixtures.invoice()))));
        String invoices = asCustomer(customer).queryParam("limit", 5).get("/api/v1/billing/invoices").then()
                .statusCode(200)
                .body("id", contains("in_1TSvcInvoice0000000001"))
                .body("status", contains("paid"))
                .body("created", contains(1785751200))
                .body("[0].invoice_pdf", endsWith("/pdf"))
                .extract().asString();
        assertThat(invoices).contains("\"amount_due\":29.00", "\"amount_paid\":29.00", "\"tax\":0.00", "\"total\":29.00");
        stripe().verify(getRequestedFor(urlPathEqualTo("/v1/invoices")).withQueryParam("limit", WireMock.equalTo("5")));

        stripe().stubFor(post(urlEqualTo("/v1/billing_portal/sessions")).withFormParam("customer", WireMock.equalTo(stripeCustomer))
                .willReturn(okJson(StripeFixtures.portalSession("https://billing.stripe.com/p/session/" + suffix).toString())));
        asCustomer(customer).queryParam("return_url", APP + "/account").get("/api/v1/billing/portal").then()
                .statusCode(200)
                .body("url", equalTo("https://billing.stripe.com/p/session/" + suffix));
        stripe().verify(postRequestedFor(urlEqualTo("/v1/billing_portal/sessions"))
                .withFormParam("return_url", WireMock.equalTo(APP + "/account")));

        // a second purchase is sent to the portal instead
        asCustomer(customer).contentType("application/json")
                .body(Map.of("price_id", PRO, "success_url", APP + "/ok", "cancel_url", APP + "/no"))
                .post("/api/v1/billing/checkout/session").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("already-subscribed"));
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions")).withFormParam("client_reference_id", WireMock.equalTo(customer)));
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/customers")).withFormParam("metadata[customer_id]", WireMock.equalTo(customer)));
    }
}
