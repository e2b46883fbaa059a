package com.agentmarket.billing.adapter.out.stripe.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Stripe-shaped JSON (API 2026-07-29.dahlia) built from the shared fixtures and signed webhook events on the test
 * classpath ({@code stripe/fixtures}, {@code stripe/webhook-events}), for WireMock to answer with. Every method
 * returns a fresh copy that the caller may change.
 */
public final class StripeFixtures {

    public static final String CUSTOMER = "cus_TSvcCust000001";
    public static final String SUBSCRIPTION = "sub_1TSvcSub00000000000001";
    public static final String SUBSCRIPTION_ITEM = "si_TSvcItem000001";
    public static final String CHECKOUT_SESSION = "cs_test_a1TSvcCheckoutSession000000000000001";
    public static final String BASIC_PRICE = "price_1TSvcBasicMonthly000001";
    public static final String PRO_PRICE = "price_1TSvcProMonthly0000001";
    /** 2026-08-03T10:00:00Z and a month later: the subscription's first period in the shared events. */
    public static final long PERIOD_START = 1785751200L;
    public static final long PERIOD_END = 1788429600L;

    private StripeFixtures() {
    }

    /** The raw bytes of a shared file, e.g. {@code webhook-events/invoice.paid.json}. */
    public static String resource(String path) {
        try (InputStream in = StripeFixtures.class.getClassLoader().getResourceAsStream("stripe/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no Stripe test data at stripe/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One object from Stripe's own fixtures, e.g. {@code price}. */
    public static JsonObject fixture(String name) {
        return JsonParser.parseString(resource("fixtures/" + name + ".json")).getAsJsonObject();
    }

    /** The object inside a shared webhook event, e.g. {@code customer.subscription.created}. */
    public static JsonObject eventObject(String eventType) {
        return JsonParser.parseString(resource("webhook-events/" + eventType + ".json")).getAsJsonObject()
                .getAsJsonObject("data").getAsJsonObject("object");
    }

    /** Jane's Basic subscription (from the shared events), with the given status and cancellation. */
    public static JsonObject subscription(String status, boolean cancelAtPeriodEnd) {
        JsonObject subscription = eventObject("customer.subscription.created");
        subscription.addProperty("status", status);
        subscription.addProperty("cancel_at_period_end", cancelAtPeriodEnd);
        if (cancelAtPeriodEnd) {
            subscription.addProperty("cancel_at", PERIOD_END);
        } else {
            subscription.add("cancel_at", null);
        }
        return subscription;
    }

    /** The same subscription under other ids: for tests that need several customers. */
    public static JsonObject subscriptionOf(String subscriptionId, String customerId, String ourCustomerId, String price,
            String status, boolean cancelAtPeriodEnd, long periodStart, long periodEnd) {
        JsonObject subscription = subscription(status, cancelAtPeriodEnd);
        subscription.addProperty("id", subscriptionId);
        subscription.addProperty("customer", customerId);
        if (cancelAtPeriodEnd) {
            subscription.addProperty("cancel_at", periodEnd);
        }
        JsonObject metadata = new JsonObject();
        metadata.addProperty("customer_id", ourCustomerId);
        subscription.add("metadata", metadata);
        JsonObject item = subscription.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject();
        item.addProperty("subscription", subscriptionId);
        item.addProperty("current_period_start", periodStart);
        item.addProperty("current_period_end", periodEnd);
        item.getAsJsonObject("price").addProperty("id", price);
        return subscription;
    }

    /** The subscription with one more item, billing another price over the same period (e.g. the metered one). */
    public static JsonObject withItem(JsonObject subscription, String itemId, String price) {
        JsonArray items = subscription.getAsJsonObject("items").getAsJsonArray("data");
        JsonObject item = items.get(0).getAsJsonObject().deepCopy();
        item.addProperty("id", itemId);
        item.getAsJsonObject("price").addProperty("id", price);
        items.add(item);
        return subscription;
    }

    /**
     * A subscription schedule managing the subscription: its current phase over the period on {@code currentPrice}
     * and, when {@code nextPrice} is not null, a next phase from the period's end on that price (Stripe's shape).
     */
    public static JsonObject schedule(String id, String subscriptionId, String customerId, String currentPrice,
            String nextPrice, long periodStart, long periodEnd) {
        JsonObject schedule = new JsonObject();
        schedule.addProperty("id", id);
        schedule.addProperty("object", "subscription_schedule");
        schedule.addProperty("customer", customerId);
        schedule.addProperty("subscription", subscriptionId);
        schedule.add("released_subscription", null);
        schedule.addProperty("status", "active");
        schedule.addProperty("end_behavior", "release");
        schedule.addProperty("livemode", false);
        schedule.addProperty("created", periodStart);
        JsonObject current = new JsonObject();
        current.addProperty("start_date", periodStart);
        current.addProperty("end_date", periodEnd);
        schedule.add("current_phase", current);
        JsonArray phases = new JsonArray();
        phases.add(phase(currentPrice, periodStart, periodEnd));
        if (nextPrice != null) {
            long nextEnd = java.time.Instant.ofEpochSecond(periodEnd).atOffset(java.time.ZoneOffset.UTC).plusMonths(1)
                    .toEpochSecond();
            phases.add(phase(nextPrice, periodEnd, nextEnd));
        }
        schedule.add("phases", phases);
        return schedule;
    }

    private static JsonObject phase(String price, long start, long end) {
        JsonObject item = new JsonObject();
        item.addProperty("price", price);
        item.addProperty("quantity", 1);
        JsonArray items = new JsonArray();
        items.add(item);
        JsonObject phase = new JsonObject();
        phase.addProperty("start_date", start);
        phase.addProperty("end_date", end);
        phase.add("items", items);
        phase.addProperty("proration_behavior", "none");
        return phase;
    }

    /** A subscription-mode Checkout Session (from the shared completed event), as open or complete. */
    public static JsonObject checkoutSession(String id, String customerId, String ourCustomerId, String subscriptionId,
            boolean complete) {
        JsonObject session = eventObject("checkout.session.completed");
        session.addProperty("id", id);
        session.addProperty("customer", customerId);
        session.addProperty("client_reference_id", ourCustomerId);
        session.addProperty("url", "https://checkout.stripe.com/c/pay/" + id);
        session.addProperty("status", complete ? "complete" : "open");
        session.addProperty("payment_status", complete ? "paid" : "unpaid");
        if (complete) {
            session.addProperty("subscription", subscriptionId);
        } else {
            session.add("subscription", null);
        }
        return session;
    }

    public static JsonObject customer(String id, String email) {
        JsonObject customer = fixture("customer");
        customer.addProperty("id", id);
        customer.addProperty("email", email);
        customer.addProperty("livemode", false);
        return customer;
    }

    public static JsonObject price(String id, long unitAmount, String interval) {
        JsonObject price = fixture("price");
        price.addProperty("id", id);
        price.addProperty("unit_amount", unitAmount);
        price.addProperty("currency", "usd");
        price.addProperty("active", true);
        price.addProperty("type", "recurring");
        JsonObject recurring = new JsonObject();
        recurring.addProperty("interval", interval);
        recurring.addProperty("interval_count", 1);
        recurring.addProperty("usage_type", "licensed");
        recurring.add("meter", null);
        price.add("recurring", recurring);
        return price;
    }

    public static JsonObject paymentMethod() {
        JsonObject method = fixture("payment_method");
        method.addProperty("customer", CUSTOMER);
        return method;
    }

    public static JsonObject invoice() {
        return eventObject("invoice.paid");
    }

    public static JsonObject portalSession(String url) {
        JsonObject session = fixture("billing_portal_session");
        session.addProperty("customer", CUSTOMER);
        session.addProperty("url", url);
        return session;
    }

    /** Stripe's list envelope around the objects. */
    public static String list(String url, JsonElement... objects) {
        return page(url, false, objects);
    }

    /** One page of a Stripe list: {@code hasMore} says another follows (asked for with {@code starting_after}). */
    public static String page(String url, boolean hasMore, JsonElement... objects) {
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        JsonArray data = new JsonArray();
        for (JsonElement object : objects) {
            data.add(object);
        }
        list.add("data", data);
        list.addProperty("has_more", hasMore);
        list.addProperty("url", url);
        return list.toString();
    }

    /** An active Billing Meter (Stripe's fixture) with the id and event name. */
    public static JsonObject meter(String id, String eventName) {
        JsonObject meter = fixture("billing_meter");
        meter.addProperty("id", id);
        meter.addProperty("event_name", eventName);
        meter.addProperty("livemode", false);
        return meter;
    }

    /**
     * What a meter summed over one window ({@code billing.meter_event_summary}; there is no shared fixture of it, the
     * shape is the API reference's). {@code aggregatedValue} is a JSON number, as Stripe sends it (e.g. {@code 17.0}).
     */
    public static JsonObject meterEventSummary(String id, String meterId, long startTime, long endTime,
            Number aggregatedValue) {
        JsonObject summary = new JsonObject();
        summary.addProperty("id", id);
        summary.addProperty("object", "billing.meter_event_summary");
        summary.addProperty("aggregated_value", aggregatedValue);
        summary.addProperty("end_time", endTime);
        summary.addProperty("livemode", false);
        summary.addProperty("meter", meterId);
        summary.addProperty("start_time", startTime);
        return summary;
    }

    /** Stripe's error body. */
    public static String error(String type, String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body.toString();
    }
}
