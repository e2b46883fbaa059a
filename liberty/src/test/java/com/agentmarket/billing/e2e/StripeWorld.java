package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What Stripe holds for one test's customer: ids of its own, subscriptions and invoices served by the Stripe stub as
 * Stripe's current objects, and signed events delivered about them, awaited until processed.
 */
final class StripeWorld {

    static final Duration PROCESSING = Duration.ofSeconds(30);

    final String customer = E2e.newCustomerId();
    final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    final String stripeCustomer = "cus_w" + suffix;

    /** A subscription of this customer as Stripe would answer for it, over the month that started an hour ago. */
    JsonObject subscription(String id, String price, String status) {
        long start = Instant.now().minusSeconds(3600).getEpochSecond();
        long end = Instant.ofEpochSecond(start).atOffset(ZoneOffset.UTC).plusMonths(1).toEpochSecond();
        JsonObject subscription = StripeFixtures.subscriptionOf(id, stripeCustomer, customer, price, status, false, start,
                end);
        subscription.addProperty("created", start);
        subscription.addProperty("start_date", start);
        return subscription;
    }

    /** Stripe now answers this object (a subscription, invoice or checkout session) at its URL. */
    void has(String path, JsonObject object) {
        stripe().stubFor(get(urlEqualTo(path + "/" + object.get("id").getAsString())).willReturn(okJson(object.toString())));
    }

    void hasSubscription(JsonObject subscription) {
        has("/v1/subscriptions", subscription);
    }

    /** A paid invoice of the subscription, for the amount. */
    JsonObject paidInvoice(String id, String subscription, long amount) {
        return invoice(id, subscription, amount, "paid");
    }

    JsonObject invoice(String id, String subscription, long amount, String status) {
        JsonObject invoice = StripeFixtures.invoice();
        invoice.addProperty("id", id);
        invoice.addProperty("customer", stripeCustomer);
        invoice.addProperty("customer_email", customer + "@example.com");
        invoice.addProperty("status", status);
        invoice.addProperty("amount_due", amount);
        invoice.addProperty("amount_paid", status.equals("paid") ? amount : 0);
        invoice.addProperty("created", Instant.now().getEpochSecond());
        invoice.getAsJsonObject("parent").getAsJsonObject("subscription_details").addProperty("subscription", subscription);
        invoice.getAsJsonObject("parent").getAsJsonObject("subscription_details").add("metadata", new JsonObject());
        return invoice;
    }

    /** Delivers a signed event of the type about the object and waits until the service processed it. */
    String event(String type, String objectId) {
        String event = "evt_" + UUID.randomUUID().toString().replace("-", "");
        Webhooks.deliver(Webhooks.eventLike(type, event, objectId, false)).statusCode(200);
        Webhooks.awaitStatus(event, "PROCESSED", PROCESSING);
        return event;
    }
}
