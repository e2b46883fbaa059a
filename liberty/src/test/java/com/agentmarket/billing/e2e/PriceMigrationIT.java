package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operators raise prices by creating new Stripe prices: subscriptions on the old ones keep their tier, a price we do
 * not know never stops a cancellation from taking effect, and a known end date is never rolled past.
 */
class PriceMigrationIT {

    /** Listed after the sold price in the e2e server's {@code STRIPE_PRICE_PRO}. */
    private static final String LEGACY_PRO_PRICE = "price_1TSvcProLegacy00000001";
    private static final String UNKNOWN_PRICE = "price_1TSvcRetiredUnknown01";

    private final StripeWorld world = new StripeWorld();

    @Test
    void a_subscription_on_a_legacy_price_keeps_its_tier_but_the_legacy_price_is_not_sold() {
        String subscription = "sub_legacy" + world.suffix;
        world.hasSubscription(world.subscription(subscription, LEGACY_PRO_PRICE, "active"));

        world.event("customer.subscription.created", subscription);

        asCustomer(world.customer).get("/api/v1/billing/usage").then()
                .statusCode(200).body("plan", equalTo("pro")).body("limit", equalTo(1000));
        api().get("/api/v1/billing/plans").then()
                .body("find { it.id == 'pro' }.price_id", equalTo(E2e.PRO_PRICE));
        asCustomer(E2e.newCustomerId()).contentType("application/json")
                .body(Map.of("price_id", LEGACY_PRO_PRICE, "success_url", E2e.BASE_URL + "/ok", "cancel_url", E2e.BASE_URL + "/no"))
                .post("/api/v1/billing/checkout/session").then()
                .statusCode(400).body("type", endsWith("unknown-price"));
    }

    @Test
    void a_price_that_matches_no_tier_keeps_the_last_known_tier_is_flagged_and_its_deletion_still_ends_the_plan() {
        String subscription = "sub_unknown" + world.suffix;
        world.hasSubscription(world.subscription(subscription, E2e.PRO_PRICE, "active"));
        world.event("customer.subscription.created", subscription);

        world.hasSubscription(world.subscription(subscription, UNKNOWN_PRICE, "past_due"));
        world.event("customer.subscription.updated", subscription);

        asCustomer(world.customer).get("/api/v1/billing/subscription").then()
                .statusCode(200).body("status", equalTo("past_due")).body("plan_name", equalTo("Pro"));
        api().auth().oauth2(tokenInGroups("ops", "billing-admin")).queryParam("size", 200).get("/api/v1/admin/flags").then()
                .statusCode(200)
                .body("items.findAll { it.customer_id == '%s' }.kind".formatted(world.customer),
                        hasItem("unknown_subscription_price"));

        world.hasSubscription(world.subscription(subscription, UNKNOWN_PRICE, "canceled"));
        world.event("customer.subscription.deleted", subscription);

        asCustomer(world.customer).get("/api/v1/billing/usage").then().statusCode(200).body("plan", equalTo("free"));
        asCustomer(world.customer).get("/api/v1/billing/subscription").then().body("plan_name", equalTo("Free"));
    }

    @Test
    void a_known_end_is_never_rolled_past_while_stripe_has_not_said_the_subscription_ended() {
        String endedAtPeriodEnd = "sub_ended" + world.suffix;
        JsonObject subscription = world.subscription(endedAtPeriodEnd, E2e.PRO_PRICE, "active");
        long end = Instant.now().minusSeconds(600).getEpochSecond();
        long start = Instant.ofEpochSecond(end).atOffset(ZoneOffset.UTC).minusMonths(1).toEpochSecond();
        JsonObject item = subscription.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject();
        item.addProperty("current_period_start", start);
        item.addProperty("current_period_end", end);
        subscription.addProperty("cancel_at_period_end", true);
        subscription.addProperty("cancel_at", end);
        world.hasSubscription(subscription);

        world.event("customer.subscription.updated", endedAtPeriodEnd);

        asCustomer(world.customer).get("/api/v1/billing/usage").then().statusCode(200).body("plan", equalTo("free"));
    }

    @Test
    void a_cancellation_date_ends_entitlement_at_that_date() {
        StripeWorld other = new StripeWorld();
        String dated = "sub_dated" + other.suffix;
        JsonObject subscription = other.subscription(dated, E2e.PRO_PRICE, "active");
        subscription.addProperty("cancel_at", Instant.now().minusSeconds(60).getEpochSecond());
        other.hasSubscription(subscription);

        other.event("customer.subscription.updated", dated);

        asCustomer(other.customer).get("/api/v1/billing/usage").then().statusCode(200).body("plan", equalTo("free"));
    }
}
