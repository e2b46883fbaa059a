package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.payingCustomer;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation on the deployed WAR: usage reported to the Stripe stub, the stub's meter summaries computed from the
 * meter events it accepted (with one of them lost when the test says so), and the operator's run and list.
 */
class ReconciliationIT {

    private static final String METER_EVENTS = "/v1/billing/meter_events";
    private static final String METER = "mtr_e2eAgentExecutions01";

    private static String admin() {
        return tokenInGroups("ops_reconcile", "billing-admin");
    }

    /** The meter events Stripe accepted for the customer. */
    private static List<LoggedRequest> acceptedFor(String stripeCustomer) {
        return stripe().findAll(postRequestedFor(urlEqualTo(METER_EVENTS))
                .withFormParam("payload[stripe_customer_id]", WireMock.equalTo(stripeCustomer)));
    }

    /**
     * Stripe's event summaries for the customer, summed per hour from the events it accepted (each identifier once,
     * as Stripe deduplicates), without those {@code lost} says it lost.
     */
    private static void stripeSummarises(String stripeCustomer, Predicate<LoggedRequest> lost) {
        stripeHasMeter();
        Map<Long, Long> byHour = new java.util.TreeMap<>();
        acceptedFor(stripeCustomer).stream().filter(lost.negate())
                .collect(java.util.stream.Collectors.toMap(event -> event.formParameters().get("identifier").firstValue(),
                        event -> event, (first, again) -> first))
                .values().forEach(event -> byHour.merge(
                        Long.parseLong(event.formParameters().get("timestamp").firstValue()) / 3600 * 3600,
                        Long.parseLong(event.formParameters().get("payload[value]").firstValue()), Long::sum));
        JsonArray summaries = new JsonArray();
        byHour.forEach((hour, value) -> {
            JsonObject summary = new JsonObject();
            summary.addProperty("id", "mtrusg_" + hour);
            summary.addProperty("object", "billing.meter_event_summary");
            summary.addProperty("aggregated_value", value);
            summary.addProperty("start_time", hour);
            summary.addProperty("end_time", hour + 3600);
            summary.addProperty("livemode", false);
            summary.addProperty("meter", METER);
            summaries.add(summary);
        });
        JsonObject page = new JsonObject();
        page.addProperty("object", "list");
        page.add("data", summaries);
        page.addProperty("has_more", false);
        page.addProperty("url", "/v1/billing/meters/" + METER + "/event_summaries");
        stripe().stubFor(get(urlPathEqualTo("/v1/billing/meters/" + METER + "/event_summaries"))
                .withQueryParam("customer", WireMock.equalTo(stripeCustomer))
                .willReturn(okJson(page.toString())));
    }

    /** The active meter of the configured event name, found by the service through Stripe's list of meters. */
    private static void stripeHasMeter() {
        JsonObject meter = StripeFixtures.fixture("billing_meter");
        meter.addProperty("id", METER);
        meter.addProperty("event_name", "agent_execution");
        meter.addProperty("status", "active");
        stripe().stubFor(get(urlPathEqualTo("/v1/billing/meters")).willReturn(okJson(StripeFixtures.list("/v1/billing/meters", meter))));
    }

    private static void awaitSent(String customer, long reports) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (count("select count(*) from usage_report where customer_id = ? and state = 'SENT'", customer) < reports) {
            assertThat(Instant.now()).as("reports sent").isBefore(deadline);
            Webhooks.sleep(100);
        }
    }

    private static JsonPath run(Instant from, Instant to) {
        return api().auth().oauth2(admin()).queryParam("from", from.getEpochSecond()).queryParam("to", to.getEpochSecond())
                .post("/api/v1/admin/usage/reconciliation/run").then().statusCode(200).extract().jsonPath();
    }

    /** A paying customer whose usage of {@code values} is recorded into {@code hour} and sent to the stub's meter. */
    private static String customerWithUsageIn(Instant hour, long... values) {
        String customer = newCustomerId();
        payingCustomer(customer, "BASIC", 0);
        String stripeCustomer = "cus_pay" + Math.abs(customer.hashCode());
        String item = "si_paym" + Math.abs(customer.hashCode());
        stripe().stubFor(post(urlEqualTo(METER_EVENTS)).withFormParam("payload[stripe_customer_id]",
                WireMock.equalTo(stripeCustomer)).willReturn(okJson(StripeFixtures.fixture("billing_meter_event").toString())));
        for (int i = 0; i < values.length; i++) {
            asCustomer(customer).contentType("application/json").queryParam("subscription_item_id", item)
                    .body(Map.of("quantity", values[i], "timestamp", hour.plusSeconds(600L * (i + 1)).getEpochSecond(),
                            "action", "increment"))
                    .post("/api/v1/billing/usage/record").then().statusCode(202);
        }
        awaitSent(customer, values.length);
        Webhooks.sleep(2500); // the server's lag (BILLING_RECONCILE_LAG_MS): Stripe's summary has what was sent
        return customer;
    }

    private static io.restassured.response.ValidatableResponse listed(Instant hour) {
        return api().auth().oauth2(admin()).queryParam("from", hour.getEpochSecond())
                .queryParam("to", hour.plusSeconds(3600).getEpochSecond()).queryParam("size", 200)
                .get("/api/v1/admin/usage/reconciliation").then().statusCode(200);
    }

    private static String of(String customer, String field) {
        return "items.find { it.customer_id == '" + customer + "' }." + field;
    }

    /**
     * The end-to-end server runs with {@code BILLING_RECONCILE_MODE=correct} against the meter {@code STRIPE_METER_ID}
     * names: a lost event is found and sent again in its hour under the correction's identifier, and the next run
     * finds no difference.
     */
    @Test
    void an_event_stripe_lost_is_found_corrected_in_its_hour_and_a_second_run_finds_no_difference() {
        Instant hour = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        String customer = customerWithUsageIn(hour, 5, 2);
        String stripeCustomer = "cus_pay" + Math.abs(customer.hashCode());
        stripeSummarises(stripeCustomer, event -> event.formParameters().get("payload[value]").firstValue().equals("2"));

        JsonPath first = run(hour.minus(Duration.ofHours(1)), Instant.now());
        assertThat(first.getInt("compared")).isGreaterThanOrEqualTo(1);
        listed(hour).body(of(customer, "status"), equalTo("corrected"))
                .body(of(customer, "ours"), equalTo(7))
                .body(of(customer, "stripe"), equalTo(5))
                .body(of(customer, "window_start"), equalTo((int) hour.getEpochSecond()))
                .body(of(customer, "window_end"), equalTo((int) hour.plusSeconds(3600).getEpochSecond()));
        List<LoggedRequest> sent = acceptedFor(stripeCustomer).stream()
                .filter(event -> event.formParameters().get("identifier").firstValue().startsWith("reconcile-")).toList();
        assertThat(sent).hasSize(1);
        String correction = sent.get(0).formParameters().get("identifier").firstValue();
        assertThat(sent.get(0).formParameters().get("payload[value]").firstValue()).isEqualTo("2");
        assertThat(Long.parseLong(sent.get(0).formParameters().get("timestamp").firstValue()))
                .isBetween(hour.getEpochSecond(), hour.getEpochSecond() + 3599);
        assertThat(sent.get(0).getHeader("Idempotency-Key")).isEqualTo(correction);
        assertThat(count("select count(*) from audit_log where action = 'usage.reconcile'")).isPositive();

        stripeSummarises(stripeCustomer, event -> event.formParameters().get("payload[value]").firstValue().equals("2")
                && !event.formParameters().get("identifier").firstValue().equals(correction));
        run(hour.minus(Duration.ofHours(1)), Instant.now());
        listed(hour).body(of(customer, "status"), equalTo("corrected"))
                .body(of(customer, "stripe"), equalTo(7))
                .body(of(customer, "difference"), equalTo(0));
        assertThat(acceptedFor(stripeCustomer)).as("the correction was sent once").hasSize(3);
    }

    @Test
    void an_excess_that_is_not_a_resend_waits_for_an_operator_and_shows_in_the_metric_and_health() {
        Instant hour = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.HOURS);
        String customer = customerWithUsageIn(hour, 3);
        String stripeCustomer = "cus_pay" + Math.abs(customer.hashCode());
        LoggedRequest once = acceptedFor(stripeCustomer).get(0);
        stripeHasMeter();
        // Stripe counted the one event twice: its summary says 6.
        stripe().stubFor(get(urlPathEqualTo("/v1/billing/meters/" + METER + "/event_summaries"))
                .withQueryParam("customer", WireMock.equalTo(stripeCustomer))
                .willReturn(okJson(summaries(hour, 2 * Long.parseLong(once.formParameters().get("payload[value]").firstValue())))));

        run(hour.minus(Duration.ofHours(1)), Instant.now());

        listed(hour).body(of(customer, "status"), equalTo("needs-operator"))
                .body(of(customer, "ours"), equalTo(3))
                .body(of(customer, "stripe"), equalTo(6))
                .body(of(customer, "difference"), equalTo(3));
        stripe().verify(0, postRequestedFor(urlEqualTo("/v1/billing/meter_event_adjustments")));
        String metrics = api().get("/metrics?scope=application").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("billing_usage_drift_executions(\\{[^}]*\\})? [1-9]");
        api().get("/health/ready").then().body("checks.find { it.name == 'backlogs' }.data.usage_drift_executions",
                greaterThanOrEqualTo(3));
    }

    private static String summaries(Instant hour, long value) {
        JsonObject summary = new JsonObject();
        summary.addProperty("id", "mtrusg_" + hour.getEpochSecond());
        summary.addProperty("object", "billing.meter_event_summary");
        summary.addProperty("aggregated_value", value);
        summary.addProperty("start_time", hour.getEpochSecond());
        summary.addProperty("end_time", hour.getEpochSecond() + 3600);
        summary.addProperty("livemode", false);
        summary.addProperty("meter", METER);
        JsonArray data = new JsonArray();
        data.add(summary);
        JsonObject page = new JsonObject();
        page.addProperty("object", "list");
        page.add("data", data);
        page.addProperty("has_more", false);
        page.addProperty("url", "/v1/billing/meters/" + METER + "/event_summaries");
        return page.toString();
    }

    @Test
    void the_list_and_the_run_refuse_a_malformed_range_and_callers_who_are_not_operators() {
        api().auth().oauth2(admin()).queryParam("from", "yesterday").get("/api/v1/admin/usage/reconciliation").then()
                .statusCode(400).contentType("application/problem+json");
        api().auth().oauth2(admin()).queryParam("from", 2000).queryParam("to", 1000)
                .post("/api/v1/admin/usage/reconciliation/run").then().statusCode(400);
        api().auth().oauth2(tokenInGroups(newCustomerId(), "customer")).get("/api/v1/admin/usage/reconciliation").then()
                .statusCode(403);
    }
}
