package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * {@code checkout.session.completed} links a session to a customer only when this service created it for that
 * customer or the session's own metadata names the same customer: a Payment Link's {@code client_reference_id} is
 * chosen by whoever opens the link.
 */
class CheckoutLinkingIT {

    private final StripeWorld victim = new StripeWorld();

    @Test
    void a_session_we_did_not_create_is_stored_flagged_and_not_linked() {
        String foreignStripeCustomer = "cus_foreign" + victim.suffix;
        String subscription = "sub_foreign" + victim.suffix;
        String session = "cs_test_foreign" + victim.suffix;
        JsonObject foreign = StripeFixtures.checkoutSession(session, foreignStripeCustomer, victim.customer, subscription, true);
        foreign.add("metadata", new JsonObject());
        foreign.addProperty("payment_link", "plink_" + victim.suffix);
        victim.has("/v1/checkout/sessions", foreign);
        JsonObject paid = StripeFixtures.subscriptionOf(subscription, foreignStripeCustomer, victim.customer, E2e.PRO_PRICE,
                "active", false, java.time.Instant.now().getEpochSecond() - 60,
                java.time.Instant.now().plusSeconds(30L * 86_400).getEpochSecond());
        paid.add("metadata", new JsonObject());
        victim.hasSubscription(paid);

        String event = victim.event("checkout.session.completed", session);

        assertThat(count("select count(*) from customer where stripe_customer_id = ?", foreignStripeCustomer)).isZero();
        assertThat(count("select count(*) from subscription where id = ?", subscription)).isZero();
        assertThat(count("select count(*) from webhook_event where event_id = ? and outcome like '%not linked%'", event))
                .isEqualTo(1);
        asCustomer(victim.customer).get("/api/v1/billing/subscription").then().body("plan_name", equalTo("Free"));
        api().auth().oauth2(tokenInGroups("ops", "billing-admin")).queryParam("size", 200).get("/api/v1/admin/flags").then()
                .statusCode(200).body("items.findAll { it.subject == '%s' }.kind".formatted(session),
                        hasItem("unverified_checkout"));
    }
}
