package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.text;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.agentmarket.billing.e2e.Webhooks.awaitStatus;
import static com.agentmarket.billing.e2e.Webhooks.deliver;
import static com.agentmarket.billing.e2e.Webhooks.eventLike;
import static com.agentmarket.billing.e2e.Webhooks.stored;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.agentmarket.billing.adapter.out.stripe.testing.StripeSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Deliveries as Stripe makes them, and the ones it never makes, against the deployed WAR. */
class WebhookDeliveryIT {

    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    private static void refused(io.restassured.response.ValidatableResponse response) {
        response.statusCode(400).contentType("application/problem+json").body("type", endsWith("invalid-signature"));
    }

    /** A subscription of one of our customers, as Stripe would serve it now. */
    private String subscriptionInStripe(String price) {
        String subscription = "sub_hook" + suffix;
        long start = Instant.now().getEpochSecond();
        stripe().stubFor(get(urlEqualTo("/v1/subscriptions/" + subscription)).willReturn(okJson(StripeFixtures.subscriptionOf(
                subscription, "cus_hook" + suffix, newCustomerId(), price, "active", false, start, start + 2_592_000)
                .toString())));
        return subscription;
    }

    @Test
    void stale_forged_altered_and_unsigned_deliveries_are_refused_and_nothing_is_stored() {
        String id = "evt_refused" + suffix;
        byte[] body = eventLike("customer.subscription.updated", id, "sub_x" + suffix, false);
        long now = Instant.now().getEpochSecond();
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("\"active\"", "\"activf\"").getBytes(StandardCharsets.UTF_8);

        refused(deliver(body, StripeSignatures.header(body, StripeSignatures.TEST_SECRET, now - 301)));
        refused(deliver(body, StripeSignatures.header(body, "whsec_forgedByAnAttacker", now)));
        refused(deliver(altered, StripeSignatures.header(body, StripeSignatures.TEST_SECRET, now)));
        refused(api().contentType("application/json").body(body).post("/api/v1/billing/webhook").then());
        refused(deliver(body, "t=" + now + ",v1=nothex"));

        assertThat(stored(id)).isZero();
    }

    @Test
    void either_secret_of_a_rotation_is_accepted() {
        String id = "evt_rotated" + suffix;
        byte[] body = eventLike("customer.updated", id, "cus_x" + suffix, false);

        deliver(body, StripeSignatures.headerNow(body, "whsec_rotatedE2eOnly0001")).statusCode(200);

        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void an_oversized_or_malformed_body_is_a_clear_4xx() {
        byte[] huge = new byte[1_048_577];
        java.util.Arrays.fill(huge, (byte) 'x');
        deliver(huge).statusCode(413).contentType("application/problem+json").body("type", endsWith("payload-too-large"));

        byte[] notAnEvent = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
        refused(deliver(notAnEvent));
    }

    @Test
    void the_same_event_five_times_and_five_times_at_once_is_stored_and_processed_once() throws Exception {
        String subscription = subscriptionInStripe(StripeFixtures.PRO_PRICE);
        String sequential = "evt_dup" + suffix;
        byte[] body = eventLike("customer.subscription.updated", sequential, subscription, false);
        for (int i = 0; i < 5; i++) {
            deliver(body).statusCode(200).body("event_id", equalTo(sequential)).body("duplicate", equalTo(i > 0));
        }

        String concurrent = "evt_race" + suffix;
        byte[] raced = eventLike("customer.subscription.created", concurrent, subscription, false);
        ExecutorService senders = Executors.newFixedThreadPool(5);
        try {
            List<Callable<Integer>> sends = IntStream.range(0, 5)
                    .<Callable<Integer>>mapToObj(i -> () -> deliver(raced).extract().statusCode()).toList();
            for (Future<Integer> status : senders.invokeAll(sends)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            senders.shutdownNow();
        }

        awaitStatus(sequential, "PROCESSED", PROCESSING);
        awaitStatus(concurrent, "PROCESSED", PROCESSING);
        assertThat(count("select count(*) from webhook_event where event_id in (?, ?) and attempts = 1", sequential, concurrent))
                .isEqualTo(2);
        assertThat(text("select status from subscription where id = ?", subscription)).isEqualTo("ACTIVE");
    }

    @Test
    void unknown_event_types_and_other_mode_events_are_acknowledged_stored_and_not_applied() {
        String unknown = "evt_unknown" + suffix;
        String live = "evt_live" + suffix;
        deliver(eventLike("customer.updated", unknown, "cus_u" + suffix, false)).statusCode(200);
        deliver(eventLike("customer.subscription.updated", live, "sub_live" + suffix, true)).statusCode(200);

        awaitStatus(unknown, "PROCESSED", PROCESSING);
        assertThat(text("select outcome from webhook_event where event_id = ?", unknown)).contains("not handled");
        assertThat(text("select outcome from webhook_event where event_id = ?", live)).contains("live-mode event");
        assertThat(count("select count(*) from subscription where id = ?", "sub_live" + suffix)).isZero();
    }

    @Test
    void a_handler_failure_is_retried_and_then_succeeds() {
        String subscription = "sub_flaky" + suffix;
        long start = Instant.now().getEpochSecond();
        String url = "/v1/subscriptions/" + subscription;
        String body = StripeFixtures.subscriptionOf(subscription, "cus_flaky" + suffix, newCustomerId(),
                StripeFixtures.BASIC_PRICE, "past_due", false, start, start + 2_592_000).toString();
        String scenario = "flaky-" + suffix;
        stripe().stubFor(get(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs(STARTED).willSetStateTo("second")
                .willReturn(aResponse().withStatus(500).withBody(StripeFixtures.error("api_error", null, "boom"))));
        stripe().stubFor(get(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs("second").willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withBody(StripeFixtures.error("api_error", null, "boom"))));
        stripe().stubFor(get(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs("recovered").willReturn(okJson(body)));
        String id = "evt_flaky" + suffix;

        deliver(eventLike("customer.subscription.updated", id, subscription, false)).statusCode(200);

        awaitStatus(id, "PROCESSED", PROCESSING);
        assertThat(count("select count(*) from webhook_event where event_id = ? and attempts = 2", id)).isEqualTo(1);
        assertThat(text("select status from subscription where id = ?", subscription)).isEqualTo("PAST_DUE");
    }

    @Test
    void a_poison_event_ends_dead_is_listed_for_operators_and_replays_once_fixed() {
        String invoice = "in_poison" + suffix;
        com.google.gson.JsonObject unpaid = StripeFixtures.invoice();
        unpaid.addProperty("id", invoice);
        unpaid.addProperty("customer", "cus_hook" + suffix);
        unpaid.getAsJsonObject("parent").getAsJsonObject("subscription_details").addProperty("subscription", "sub_hook" + suffix);
        stripe().stubFor(get(urlEqualTo("/v1/invoices/" + invoice)).willReturn(okJson(unpaid.toString())));
        stripe().stubFor(get(urlEqualTo("/v1/subscriptions/sub_hook" + suffix)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("invalid_request_error", "resource_missing", "No such subscription"))));
        String id = "evt_poison" + suffix;
        String admin = tokenInGroups("ops_" + suffix, "billing-admin");

        deliver(eventLike("invoice.paid", id, invoice, false)).statusCode(200);
        awaitStatus(id, "DEAD", PROCESSING);

        api().auth().oauth2(admin).queryParam("status", "dead").queryParam("size", 200)
                .get("/api/v1/admin/webhook-events").then()
                .statusCode(200)
                .body("items.event_id", hasItem(id))
                .body("items.find { it.event_id == '" + id + "' }.attempts", equalTo(3))
                .body("items.find { it.event_id == '" + id + "' }.outcome", org.hamcrest.Matchers.containsString("cus_hook" + suffix));
        api().auth().oauth2(tokenInGroups(newCustomerId(), "customer")).get("/api/v1/admin/webhook-events").then().statusCode(403);

        subscriptionInStripe(StripeFixtures.PRO_PRICE);
        api().auth().oauth2(admin).post("/api/v1/admin/webhook-events/" + id + "/replay").then()
                .statusCode(200).body("event_id", equalTo(id)).body("status", equalTo("received"));
        awaitStatus(id, "PROCESSED", PROCESSING);
        assertThat(text("select status from invoice where id = ?", invoice)).isEqualTo("paid");
        assertThat(text("select plan_id from subscription where id = ?", "sub_hook" + suffix)).isEqualTo("PRO");

        api().auth().oauth2(admin).post("/api/v1/admin/webhook-events/evt_never_seen/replay").then()
                .statusCode(404).contentType("application/problem+json");
        api().auth().oauth2(admin).queryParam("status", "sleeping").get("/api/v1/admin/webhook-events").then().statusCode(400);
        api().auth().oauth2(admin).queryParam("size", 201).get("/api/v1/admin/webhook-events").then().statusCode(400);
    }
}
