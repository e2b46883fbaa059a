package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Cancel and resume decide from the subscription as Stripe has it now, not from our copy, which may be behind a
 * change made in the Dashboard or the customer portal whose webhook has not arrived yet.
 */
class StripeStateIT {

    private final StripeWorld world = new StripeWorld();
    private final String subscription = "sub_state" + world.suffix;

    private JsonObject active() {
        return world.subscription(subscription, E2e.PRO_PRICE, "active");
    }

    @Test
    void resume_clears_a_cancellation_date_we_have_not_heard_of() {
        world.hasSubscription(active());
        world.event("customer.subscription.created", subscription);
        JsonObject dated = active();
        long cancelAt = java.time.Instant.now().plusSeconds(7 * 86_400).getEpochSecond();
        dated.addProperty("cancel_at", cancelAt);
        world.hasSubscription(dated);
        stripe().stubFor(post(urlEqualTo("/v1/subscriptions/" + subscription)).willReturn(okJson(active().toString())));

        asCustomer(world.customer).post("/api/v1/billing/subscription/resume").then()
                .statusCode(200).body("id", equalTo(subscription)).body("cancel_at_period_end", equalTo(false));

        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscriptions/" + subscription))
                .withFormParam("cancel_at", WireMock.equalTo("")));
    }

    @Test
    void cancel_asks_stripe_when_our_copy_already_says_cancelling_but_stripe_no_longer_does() {
        JsonObject cancelling = active();
        cancelling.addProperty("cancel_at_period_end", true);
        world.hasSubscription(cancelling);
        world.event("customer.subscription.updated", subscription);
        world.hasSubscription(active());
        stripe().stubFor(post(urlEqualTo("/v1/subscriptions/" + subscription))
                .withFormParam("cancel_at_period_end", WireMock.equalTo("true")).willReturn(okJson(cancelling.toString())));

        asCustomer(world.customer).post("/api/v1/billing/subscription/cancel").then().statusCode(200);

        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscriptions/" + subscription))
                .withFormParam("cancel_at_period_end", WireMock.equalTo("true")));
    }
}
