package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.count;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.agentmarket.billing.adapter.out.stripe.testing.StripeSignatures;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Delivers webhook bodies to the deployed service signed exactly as Stripe signs them, and waits for processing. */
final class Webhooks {

    private Webhooks() {
    }

    /** A shared event file's exact bytes. */
    static byte[] sharedEvent(String type) {
        return StripeFixtures.resource("webhook-events/" + type + ".json").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A shared event as a template: another id, type and object id, same shape. Types without a shared file take
     * the subscription update's shape.
     */
    static byte[] eventLike(String type, String eventId, String objectId, boolean livemode) {
        String template = Webhooks.class.getClassLoader().getResource("stripe/webhook-events/" + type + ".json") != null
                ? type : "customer.subscription.updated";
        JsonObject event = JsonParser.parseString(StripeFixtures.resource("webhook-events/" + template + ".json"))
                .getAsJsonObject();
        event.addProperty("id", eventId);
        event.addProperty("type", type);
        event.addProperty("livemode", livemode);
        event.addProperty("created", Instant.now().getEpochSecond());
        event.getAsJsonObject("data").getAsJsonObject("object").addProperty("id", objectId);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ValidatableResponse deliver(byte[] body) {
        return deliver(body, StripeSignatures.headerNow(body, StripeSignatures.TEST_SECRET));
    }

    static ValidatableResponse deliver(byte[] body, String signature) {
        return api().header("Stripe-Signature", signature).contentType("application/json; charset=utf-8")
                .body(body).post("/api/v1/billing/webhook").then();
    }

    static long stored(String eventId) {
        return count("select count(*) from webhook_event where event_id = ?", eventId);
    }

    /** Waits until the event reached the status, or fails after the timeout. */
    static void awaitStatus(String eventId, String status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (count("select count(*) from webhook_event where event_id = ? and status = ?", eventId, status) == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("event " + eventId + " did not become " + status + " within " + timeout
                        + "; it is " + E2e.text("select status || ' after ' || attempts || ': ' || coalesce(outcome, '') "
                                + "from webhook_event where event_id = ?", eventId));
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
