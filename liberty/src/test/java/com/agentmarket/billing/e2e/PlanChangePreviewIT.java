package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.PRO_PRICE;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.payingCustomer;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;


import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** The plan-change preview on the deployed WAR: Stripe's invoice preview, in our terms. */
class PlanChangePreviewIT {

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalToParam(String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(value);
    }

    private static String invoicePreview(long amountDue) {
        JsonObject preview = StripeFixtures.invoice();
        preview.addProperty("amount_due", amountDue);
        return preview.toString();
    }

    @Test
    void an_upgrade_from_basic_to_pro_is_due_now_with_the_proration_and_pro_next() {
        String customer = newCustomerId();
        payingCustomer(customer, "BASIC", 0);
        String subscription = "sub_pay" + Math.abs(customer.hashCode()) + "BASIC";
        stripe().stubFor(post(urlEqualTo("/v1/invoices/create_preview")).withFormParam("subscription", equalToParam(subscription))
                .withFormParam("subscription_details[proration_behavior]", equalToParam("always_invoice"))
                .willReturn(okJson(invoicePreview(4335))));
        stripe().stubFor(post(urlEqualTo("/v1/invoices/create_preview")).withFormParam("subscription", equalToParam(subscription))
                .withFormParam("subscription_details[proration_behavior]", equalToParam("none"))
                .willReturn(okJson(invoicePreview(9900))));

        asCustomer(customer).queryParam("price_id", PRO_PRICE).get("/api/v1/billing/subscription/change-preview").then()
                .statusCode(200)
                .body("price_id", equalTo(PRO_PRICE))
                .body("plan", equalTo("pro"))
                .body("effective", equalTo("now"))
                .body("amount_due_now", equalTo(43.35f))
                .body("currency", equalTo("usd"))
                .body("next_invoice_amount", equalTo(99.0f));
        stripe().verify(2, postRequestedFor(urlEqualTo("/v1/invoices/create_preview"))
                .withFormParam("subscription", equalToParam(subscription))
                .withFormParam("subscription_details[items][0][price]", equalToParam(PRO_PRICE))
                .withFormParam("automatic_tax[enabled]", equalToParam("true")));
    }

    @Test
    void a_customer_on_free_is_sent_to_checkout_and_an_unknown_price_is_refused() {
        String customer = newCustomerId();

        asCustomer(customer).queryParam("price_id", PRO_PRICE).get("/api/v1/billing/subscription/change-preview").then()
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("/not-subscribed"));
        asCustomer(customer).queryParam("price_id", "price_elsewhere").get("/api/v1/billing/subscription/change-preview")
                .then().statusCode(400).body("type", endsWith("/unknown-price"));
        asCustomer(customer).get("/api/v1/billing/subscription/change-preview").then()
                .statusCode(400).body("type", endsWith("/invalid-request"));
    }
}
