package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.BASIC_PRICE;
import static com.agentmarket.billing.e2e.E2e.METERED_PRICE;
import static com.agentmarket.billing.e2e.E2e.PRO_PRICE;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.text;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.google.gson.JsonObject;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Changing plan on the deployed WAR against the Stripe stub: the Stripe requests made (price, proration, payment
 * behaviour, idempotency keys, schedule phases) and the entitlement that follows.
 */
class PlanChangeIT {

    private static final String CHANGE = "/api/v1/billing/subscription/change";

    /**
     * The customer's subscription on the tier's price, with the metered overage item, under ids of this test; bought
     * with Stripe Tax, which this server has on.
     */
    static JsonObject subscription(StripeWorld world, String id, String price) {
        JsonObject subscription = world.subscription(id, price, "active");
        subscription.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject()
                .addProperty("id", "si_t" + world.suffix);
        JsonObject tax = new JsonObject();
        tax.addProperty("enabled", true);
        subscription.add("automatic_tax", tax);
        return StripeFixtures.withItem(subscription, "si_m" + world.suffix, METERED_PRICE);
    }

    /** The same subscription (same period and items) with its tier item on another price. */
    private static JsonObject onPrice(JsonObject subscription, String price) {
        JsonObject changed = subscription.deepCopy();
        changed.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonObject("price")
                .addProperty("id", price);
        return changed;
    }

    private static long periodStart(JsonObject subscription) {
        return subscription.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject()
                .get("current_period_start").getAsLong();
    }

    private static long periodEnd(JsonObject subscription) {
        return subscription.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject()
                .get("current_period_end").getAsLong();
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern exactly(String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(value);
    }

    private static ValidatableResponse change(String customer, String price, String idempotencyKey) {
        return asCustomer(customer).header("Idempotency-Key", idempotencyKey).contentType("application/json")
                .body(Map.of("price_id", price)).post(CHANGE).then();
    }

    private static String actionKey(String customer, String kind) {
        return text("select idempotency_key from billing_action where customer_id = ? and kind = ?", customer, kind);
    }

    private static void execute(String customer) {
        asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "exec_" + UUID.randomUUID()))
                .post("/api/v1/billing/executions").then().statusCode(201);
    }

    @Test
    void an_upgrade_is_charged_now_with_proration_and_the_new_quota_applies_to_the_same_period() {
        StripeWorld world = new StripeWorld();
        String sub = "sub_up" + world.suffix;
        JsonObject basic = subscription(world, sub, BASIC_PRICE);
        world.hasSubscription(basic);
        world.event("customer.subscription.created", sub);
        execute(world.customer);
        execute(world.customer);
        execute(world.customer);
        JsonObject pro = onPrice(basic, PRO_PRICE);
        stripe().stubFor(post(urlEqualTo("/v1/subscriptions/" + sub)).willReturn(okJson(pro.toString())));
        String key = "change-" + UUID.randomUUID();

        change(world.customer, PRO_PRICE, key).statusCode(200)
                .body("id", equalTo(sub))
                .body("plan_name", equalTo("Pro"))
                .body("current_period_start", equalTo((int) periodStart(basic)))
                .body("pending_change", nullValue());
        world.hasSubscription(pro);

        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscriptions/" + sub))
                .withHeader("Idempotency-Key", exactly(
                        actionKey(world.customer, "UPGRADE")))
                .withFormParam("items[0][id]", exactly("si_t" + world.suffix))
                .withFormParam("items[0][price]", exactly(PRO_PRICE))
                .withFormParam("proration_behavior", exactly("always_invoice"))
                .withFormParam("payment_behavior",
                        exactly("pending_if_incomplete")));
        asCustomer(world.customer).get("/api/v1/billing/usage").then().statusCode(200)
                .body("plan", equalTo("pro"))
                .body("used", equalTo(3))
                .body("limit", equalTo(1000))
                .body("period_start", equalTo((int) periodStart(basic)));

        change(world.customer, PRO_PRICE, key).statusCode(200).body("plan_name", equalTo("Pro"));
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscriptions/" + sub)));
    }

    @Test
    void a_declined_upgrade_keeps_the_plan_and_a_second_change_waits_for_that_payment() {
        StripeWorld world = new StripeWorld();
        String sub = "sub_dc" + world.suffix;
        JsonObject basic = subscription(world, sub, BASIC_PRICE);
        world.hasSubscription(basic);
        world.event("customer.subscription.created", sub);
        JsonObject pending = basic.deepCopy();
        JsonObject update = new JsonObject();
        update.addProperty("expires_at", Instant.now().plusSeconds(82_800).getEpochSecond());
        pending.add("pending_update", update);
        stripe().stubFor(post(urlEqualTo("/v1/subscriptions/" + sub)).willReturn(okJson(pending.toString())));

        change(world.customer, PRO_PRICE, "k-" + UUID.randomUUID()).statusCode(402)
                .contentType("application/problem+json").body("type", endsWith("/payment-declined"));
        world.hasSubscription(pending);

        asCustomer(world.customer).get("/api/v1/billing/subscription").then().body("plan_name", equalTo("Basic"));
        asCustomer(world.customer).get("/api/v1/billing/usage").then().body("limit", equalTo(100));
        change(world.customer, PRO_PRICE, "k-" + UUID.randomUUID()).statusCode(409)
                .body("type", endsWith("/change-pending"));
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscriptions/" + sub)));
    }

    /**
     * Stripe's side of a downgrade, step by step: the subscription alone, then under a schedule with one phase, then
     * with the next phase on Basic, then released again.
     */
    static JsonObject stripeSchedulesDowngrades(StripeWorld world, String sub, String schedule) {
        String scenario = "downgrade-" + world.suffix;
        JsonObject pro = subscription(world, sub, PRO_PRICE);
        JsonObject managed = pro.deepCopy();
        managed.addProperty("schedule", schedule);
        long start = periodStart(pro);
        long end = periodEnd(pro);
        JsonObject onePhase = StripeFixtures.schedule(schedule, sub, world.stripeCustomer, PRO_PRICE, null, start, end);
        JsonObject twoPhases = StripeFixtures.schedule(schedule, sub, world.stripeCustomer, PRO_PRICE, BASIC_PRICE, start,
                end);
        String subscriptionUrl = "/v1/subscriptions/" + sub;
        String scheduleUrl = "/v1/subscription_schedules/" + schedule;
        stripe().stubFor(get(urlEqualTo(subscriptionUrl)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(okJson(pro.toString())));
        stripe().stubFor(post(urlEqualTo("/v1/subscription_schedules")).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withFormParam("from_subscription", exactly(sub))
                .willSetStateTo("scheduled").willReturn(okJson(onePhase.toString())));
        stripe().stubFor(get(urlEqualTo(subscriptionUrl)).inScenario(scenario).whenScenarioStateIs("scheduled")
                .willReturn(okJson(managed.toString())));
        stripe().stubFor(get(urlEqualTo(scheduleUrl)).inScenario(scenario).whenScenarioStateIs("scheduled")
                .willReturn(okJson(onePhase.toString())));
        stripe().stubFor(post(urlEqualTo(scheduleUrl)).inScenario(scenario).whenScenarioStateIs("scheduled")
                .willSetStateTo("phased").willReturn(okJson(twoPhases.toString())));
        stripe().stubFor(get(urlEqualTo(subscriptionUrl)).inScenario(scenario).whenScenarioStateIs("phased")
                .willReturn(okJson(managed.toString())));
        stripe().stubFor(get(urlEqualTo(scheduleUrl)).inScenario(scenario).whenScenarioStateIs("phased")
                .willReturn(okJson(twoPhases.toString())));
        JsonObject released = onePhase.deepCopy();
        released.add("subscription", null);
        released.addProperty("released_subscription", sub);
        released.addProperty("status", "released");
        stripe().stubFor(post(urlEqualTo(scheduleUrl + "/release")).inScenario(scenario).whenScenarioStateIs("phased")
                .willSetStateTo("released").willReturn(okJson(released.toString())));
        stripe().stubFor(get(urlEqualTo(subscriptionUrl)).inScenario(scenario).whenScenarioStateIs("released")
                .willReturn(okJson(pro.toString())));
        stripe().stubFor(get(urlEqualTo(scheduleUrl)).inScenario(scenario).whenScenarioStateIs("released")
                .willReturn(okJson(released.toString())));
        return pro;
    }

    @Test
    void a_downgrade_is_scheduled_for_the_period_end_and_choosing_the_current_plan_again_releases_it() {
        StripeWorld world = new StripeWorld();
        String sub = "sub_dn" + world.suffix;
        String schedule = "sub_sched_" + world.suffix;
        JsonObject pro = stripeSchedulesDowngrades(world, sub, schedule);
        world.event("customer.subscription.created", sub);

        change(world.customer, BASIC_PRICE, "k-" + UUID.randomUUID()).statusCode(200)
                .body("plan_name", equalTo("Pro"))
                .body("pending_change.plan", equalTo("basic"))
                .body("pending_change.effective_at", equalTo((int) periodEnd(pro)));

        String createKey = actionKey(world.customer, "CREATE_SCHEDULE");
        String phasesKey = actionKey(world.customer, "SCHEDULE_DOWNGRADE");
        assertThat(createKey).isNotEqualTo(phasesKey);
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscription_schedules"))
                .withHeader("Idempotency-Key", exactly(createKey))
                .withFormParam("from_subscription", exactly(sub)));
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscription_schedules/" + schedule))
                .withHeader("Idempotency-Key", exactly(phasesKey))
                .withFormParam("end_behavior", exactly("release"))
                .withFormParam("phases[0][items][0][price]", exactly(PRO_PRICE))
                .withFormParam("phases[0][end_date]",
                        exactly(String.valueOf(periodEnd(pro))))
                .withFormParam("phases[1][items][0][price]", exactly(BASIC_PRICE))
                .withFormParam("phases[1][items][1][price]",
                        exactly(METERED_PRICE))
                .withFormParam("phases[1][automatic_tax][enabled]",
                        exactly("true")));
        asCustomer(world.customer).get("/api/v1/billing/subscription").then()
                .body("plan_name", equalTo("Pro"))
                .body("pending_change.plan", equalTo("basic"));
        asCustomer(world.customer).get("/api/v1/billing/usage").then().body("limit", equalTo(1000));

        change(world.customer, PRO_PRICE, "k-" + UUID.randomUUID()).statusCode(200)
                .body("plan_name", equalTo("Pro"))
                .body("pending_change", nullValue());
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscription_schedules/" + schedule + "/release"))
                .withHeader("Idempotency-Key", exactly(
                        actionKey(world.customer, "RELEASE_SCHEDULE"))));
        asCustomer(world.customer).get("/api/v1/billing/subscription").then().body("pending_change", nullValue());
    }

    /**
     * At the renewal Stripe moves to the schedule's next phase: the subscription bills Basic over the new period and
     * the schedule stays attached with that phase current (it releases when the phase ends). The schedule's event
     * may arrive before the renewal (an update seen late) or after the subscription's; either way the result is Basic
     * without a pending change, never the state an event carried.
     */
    @Test
    void at_renewal_the_downgrade_lands_whichever_of_the_schedule_and_subscription_events_comes_first() {
        for (boolean scheduleEventFirst : List.of(true, false)) {
            StripeWorld world = new StripeWorld();
            String sub = "sub_rn" + world.suffix;
            String schedule = "sub_sched_" + world.suffix;
            JsonObject pro = stripeSchedulesDowngrades(world, sub, schedule);
            world.event("customer.subscription.created", sub);
            change(world.customer, BASIC_PRICE, "k-" + UUID.randomUUID()).statusCode(200)
                    .body("pending_change.plan", equalTo("basic"));
            if (scheduleEventFirst) {
                world.event("subscription_schedule.updated", schedule);
            }

            long nextStart = periodEnd(pro);
            long nextEnd = Instant.ofEpochSecond(nextStart).atOffset(ZoneOffset.UTC).plusMonths(1).toEpochSecond();
            JsonObject renewed = onPrice(pro, BASIC_PRICE);
            for (var item : renewed.getAsJsonObject("items").getAsJsonArray("data")) {
                item.getAsJsonObject().addProperty("current_period_start", nextStart);
                item.getAsJsonObject().addProperty("current_period_end", nextEnd);
            }
            renewed.addProperty("schedule", schedule);
            JsonObject lastPhase = StripeFixtures.schedule(schedule, sub, world.stripeCustomer, PRO_PRICE, BASIC_PRICE,
                    periodStart(pro), nextStart);
            JsonObject current = new JsonObject();
            current.addProperty("start_date", nextStart);
            current.addProperty("end_date", nextEnd);
            lastPhase.add("current_phase", current);
            world.hasSubscription(renewed);
            world.has("/v1/subscription_schedules", lastPhase);

            world.event("customer.subscription.updated", sub);
            if (!scheduleEventFirst) {
                world.event("subscription_schedule.updated", schedule);
            }

            asCustomer(world.customer).get("/api/v1/billing/subscription").then()
                    .body("plan_name", equalTo("Basic"))
                    .body("current_period_start", equalTo((int) nextStart))
                    .body("pending_change", nullValue());
            asCustomer(world.customer).get("/api/v1/billing/usage").then().body("limit", equalTo(100));
        }
    }

    @Test
    void a_customer_on_free_is_sent_to_checkout_and_a_price_we_do_not_sell_is_refused() {
        String customer = E2e.newCustomerId();

        change(customer, PRO_PRICE, "k-" + UUID.randomUUID()).statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/not-subscribed"));
        change(customer, "price_elsewhere", "k-" + UUID.randomUUID()).statusCode(400)
                .body("type", endsWith("/unknown-price"));
        asCustomer(customer).contentType("application/json").body(Map.of()).post(CHANGE).then().statusCode(400)
                .body("type", endsWith("/invalid-request"));
    }
}
