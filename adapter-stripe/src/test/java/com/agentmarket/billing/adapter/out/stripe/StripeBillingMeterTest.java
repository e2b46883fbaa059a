package com.agentmarket.billing.adapter.out.stripe;

import static com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures.PERIOD_START;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.usage.port.out.MeterWindow;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonObject;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeBillingMeterTest {

    private static final String KEY = "sk_test_meter";
    private static final String METER = "mtr_test_61QTSvcMeter0001";
    private static final String SUMMARIES = "/v1/billing/meters/" + METER + "/event_summaries";
    private static final String METERS = "/v1/billing/meters";
    private static final String ADJUSTMENTS = "/v1/billing/meter_event_adjustments";
    private static final StripeCustomerId CUSTOMER = new StripeCustomerId(StripeFixtures.CUSTOMER);
    private static final Instant FROM = Instant.ofEpochSecond(PERIOD_START);
    private static final Instant TO = FROM.plus(Duration.ofHours(3));

    private static WireMockServer stripe;
    private StripeBillingMeter meter;
    private final UsageReport report = new UsageReport("usage-1b2c", new CustomerId("user_42"),
            new StripeCustomerId(StripeFixtures.CUSTOMER), 17, Instant.ofEpochSecond(1_795_000_000L), 1);

    @BeforeAll
    static void start() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
    }

    @AfterAll
    static void stop() {
        stripe.stop();
    }

    @BeforeEach
    void meter() {
        stripe.resetAll();
        meter = meterWith(Optional.empty());
    }

    private static StripeBillingMeter meterWith(Optional<String> meterId) {
        return new StripeBillingMeter(Optional.of(StripeClient.builder().setApiKey(KEY).setApiBase(stripe.baseUrl())
                .setMaxNetworkRetries(1).build()), "agent_execution", meterId, StripeCallMetrics.none());
    }

    private static long hour(int n) {
        return PERIOD_START + n * 3_600L;
    }

    private static void summariesAnswer(String body) {
        stripe.stubFor(get(urlPathEqualTo(SUMMARIES)).willReturn(okJson(body)));
    }

    @Test
    void a_report_is_one_v1_meter_event_whose_identifier_is_also_the_idempotency_key() {
        stripe.stubFor(post(urlEqualTo("/v1/billing/meter_events"))
                .willReturn(okJson(StripeFixtures.fixture("billing_meter_event").toString())));

        meter.report(report);

        stripe.verify(postRequestedFor(urlEqualTo("/v1/billing/meter_events"))
                .withHeader("Idempotency-Key", equalTo("usage-1b2c"))
                .withFormParam("event_name", equalTo("agent_execution"))
                .withFormParam("identifier", equalTo("usage-1b2c"))
                .withFormParam("payload[stripe_customer_id]", equalTo(StripeFixtures.CUSTOMER))
                .withFormParam("payload[value]", equalTo("17"))
                .withFormParam("timestamp", equalTo("1795000000")));
    }

    @Test
    void a_refused_event_and_a_rate_limit_are_told_apart() {
        stripe.stubFor(post(urlEqualTo("/v1/billing/meter_events")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(StripeFixtures.error("invalid_request_error",
                        "timestamp_too_far_in_past", "The timestamp is too far in the past."))));
        assertThatThrownBy(() -> meter.report(report)).isInstanceOf(PaymentGatewayException.Rejected.class);

        stripe.stubFor(post(urlEqualTo("/v1/billing/meter_events")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("invalid_request_error", "rate_limit", "Too many requests"))));
        assertThatThrownBy(() -> meter.report(report)).isInstanceOf(PaymentGatewayException.Unavailable.class);
    }

    @Test
    void hourly_totals_are_the_customers_hourly_summaries_from_every_page() {
        meter = meterWith(Optional.of(METER));
        stripe.stubFor(get(urlPathEqualTo(SUMMARIES)).withQueryParam("starting_after", absent())
                .willReturn(okJson(StripeFixtures.page(SUMMARIES, true,
                        StripeFixtures.meterEventSummary("mtrusm_1", METER, hour(0), hour(1), 17.0),
                        StripeFixtures.meterEventSummary("mtrusm_2", METER, hour(1), hour(2), 4.000000000001)))));
        stripe.stubFor(get(urlPathEqualTo(SUMMARIES)).withQueryParam("starting_after", equalTo("mtrusm_2"))
                .willReturn(okJson(StripeFixtures.page(SUMMARIES, false,
                        StripeFixtures.meterEventSummary("mtrusm_3", METER, hour(2), hour(3), 1)))));

        List<MeterWindow> totals = meter.hourlyTotals(CUSTOMER, FROM, TO);

        assertThat(totals).containsExactly(
                new MeterWindow(FROM, Instant.ofEpochSecond(hour(1)), 17),
                new MeterWindow(Instant.ofEpochSecond(hour(1)), Instant.ofEpochSecond(hour(2)), 4),
                new MeterWindow(Instant.ofEpochSecond(hour(2)), TO, 1));
        List<LoggedRequest> requests = stripe.findAll(getRequestedFor(urlPathEqualTo(SUMMARIES))
                .withQueryParam("customer", equalTo(StripeFixtures.CUSTOMER))
                .withQueryParam("start_time", equalTo(Long.toString(PERIOD_START)))
                .withQueryParam("end_time", equalTo(Long.toString(hour(3))))
                .withQueryParam("value_grouping_window", equalTo("hour"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Stripe-Version", equalTo(Stripe.API_VERSION)));
        assertThat(requests).as("both pages asked for the same customer and hours").hasSize(2);
        assertThat(stripe.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
        assertThat(Stripe.API_VERSION).isEqualTo("2026-07-29.dahlia");
    }

    @Test
    void hourly_totals_are_read_over_whole_hours_only() {
        meter = meterWith(Optional.of(METER));

        assertThatThrownBy(() -> meter.hourlyTotals(CUSTOMER, FROM.plusSeconds(60), TO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> meter.hourlyTotals(CUSTOMER, TO, FROM)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stripe.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_total_that_is_not_a_whole_number_of_executions_is_refused() {
        meter = meterWith(Optional.of(METER));
        summariesAnswer(StripeFixtures.list(SUMMARIES,
                StripeFixtures.meterEventSummary("mtrusm_1", METER, hour(0), hour(1), 2.5)));

        assertThatThrownBy(() -> meter.hourlyTotals(CUSTOMER, FROM, TO))
                .isInstanceOf(PaymentGatewayException.Unavailable.class).hasMessageContaining("2.5")
                .hasMessageContaining("STRIPE_METER_ID");
    }

    @Test
    void without_a_configured_id_the_meter_is_found_by_its_event_name_once() {
        stripe.stubFor(get(urlPathEqualTo(METERS)).withQueryParam("starting_after", absent())
                .willReturn(okJson(StripeFixtures.page(METERS, true, StripeFixtures.meter("mtr_other1", "api_call"),
                        StripeFixtures.meter("mtr_other2", "storage_gb")))));
        stripe.stubFor(get(urlPathEqualTo(METERS)).withQueryParam("starting_after", equalTo("mtr_other2"))
                .willReturn(okJson(StripeFixtures.page(METERS, false, StripeFixtures.meter(METER, "agent_execution")))));
        summariesAnswer(StripeFixtures.list(SUMMARIES,
                StripeFixtures.meterEventSummary("mtrusm_1", METER, hour(0), hour(1), 5)));

        meter.hourlyTotals(CUSTOMER, FROM, TO);
        List<MeterWindow> again = meter.hourlyTotals(CUSTOMER, FROM, TO);

        assertThat(again).containsExactly(new MeterWindow(FROM, Instant.ofEpochSecond(hour(1)), 5));
        stripe.verify(1, getRequestedFor(urlPathEqualTo(METERS)).withQueryParam("starting_after", absent())
                .withQueryParam("status", equalTo("active")));
        stripe.verify(1, getRequestedFor(urlPathEqualTo(METERS)).withQueryParam("starting_after", equalTo("mtr_other2"))
                .withQueryParam("status", equalTo("active")));
        stripe.verify(2, getRequestedFor(urlPathEqualTo(SUMMARIES)));
    }

    @Test
    void a_configured_meter_id_is_used_without_listing_meters() {
        meter = meterWith(Optional.of(METER));
        summariesAnswer(StripeFixtures.list(SUMMARIES));

        assertThat(meter.hourlyTotals(CUSTOMER, FROM, TO)).isEmpty();

        stripe.verify(0, getRequestedFor(urlPathEqualTo(METERS)));
        stripe.verify(1, getRequestedFor(urlPathEqualTo(SUMMARIES)));
    }

    @Test
    void without_a_meter_of_our_event_name_totals_are_unavailable_naming_the_variables_until_one_exists() {
        stripe.stubFor(get(urlPathEqualTo(METERS))
                .willReturn(okJson(StripeFixtures.list(METERS, StripeFixtures.meter("mtr_other1", "api_call")))));

        assertThatThrownBy(() -> meter.hourlyTotals(CUSTOMER, FROM, TO))
                .isInstanceOf(PaymentGatewayException.Unavailable.class).hasMessageContaining("agent_execution")
                .hasMessageContaining("STRIPE_METER_EVENT_NAME").hasMessageContaining("STRIPE_METER_ID");
        stripe.verify(0, getRequestedFor(urlPathEqualTo(SUMMARIES)));

        stripe.stubFor(get(urlPathEqualTo(METERS)).willReturn(okJson(StripeFixtures.list(METERS,
                StripeFixtures.meter("mtr_other1", "api_call"), StripeFixtures.meter(METER, "agent_execution")))));
        summariesAnswer(StripeFixtures.list(SUMMARIES));

        assertThat(meter.hourlyTotals(CUSTOMER, FROM, TO)).as("the miss was not kept").isEmpty();
        stripe.verify(2, getRequestedFor(urlPathEqualTo(METERS)));
    }

    @Test
    void stripe_down_makes_totals_unavailable() {
        meter = meterWith(Optional.of(METER));
        stripe.stubFor(get(urlPathEqualTo(SUMMARIES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> meter.hourlyTotals(CUSTOMER, FROM, TO))
                .isInstanceOf(PaymentGatewayException.Unavailable.class);

        stripe.resetAll();
        stripe.stubFor(get(urlPathEqualTo(METERS)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("api_error", null, "Service unavailable"))));

        assertThatThrownBy(() -> meterWith(Optional.empty()).hourlyTotals(CUSTOMER, FROM, TO))
                .isInstanceOf(PaymentGatewayException.Unavailable.class);
    }

    @Test
    void cancelling_an_event_is_an_adjustment_under_a_key_of_its_own_derived_from_the_identifier() {
        stripe.stubFor(post(urlEqualTo(ADJUSTMENTS)).willReturn(okJson(adjustment("usage-1b2c"))));

        meter.cancel("usage-1b2c");

        stripe.verify(1, postRequestedFor(urlEqualTo(ADJUSTMENTS))
                .withHeader("Idempotency-Key", equalTo("cancel:usage-1b2c"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Stripe-Version", equalTo(Stripe.API_VERSION))
                .withFormParam("event_name", equalTo("agent_execution"))
                .withFormParam("type", equalTo("cancel"))
                .withFormParam("cancel[identifier]", equalTo("usage-1b2c")));
    }

    @Test
    void an_event_stripe_will_no_longer_cancel_is_rejected() {
        stripe.stubFor(post(urlEqualTo(ADJUSTMENTS)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(StripeFixtures.error("invalid_request_error",
                        null, "Meter events can only be cancelled within 24 hours of being received."))));

        assertThatThrownBy(() -> meter.cancel("usage-1b2c")).isInstanceOf(PaymentGatewayException.Rejected.class)
                .hasMessageContaining("24 hours");
    }

    @Test
    void stripe_down_makes_a_cancellation_unavailable_and_its_retry_reuses_the_key() {
        stripe.stubFor(post(urlEqualTo(ADJUSTMENTS)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("api_error", null, "Service unavailable"))));

        assertThatThrownBy(() -> meter.cancel("usage-1b2c")).isInstanceOf(PaymentGatewayException.Unavailable.class);

        List<LoggedRequest> attempts = stripe.findAll(postRequestedFor(urlEqualTo(ADJUSTMENTS)));
        assertThat(attempts).as("stripe-java retried once").hasSize(2)
                .allSatisfy(attempt -> assertThat(attempt.getHeader("Idempotency-Key")).isEqualTo("cancel:usage-1b2c"));

        stripe.resetAll();
        stripe.stubFor(post(urlEqualTo(ADJUSTMENTS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> meter.cancel("usage-1b2c")).isInstanceOf(PaymentGatewayException.Unavailable.class);
    }

    /** Stripe's answer to a cancellation ({@code billing.meter_event_adjustment}, shaped after the API reference). */
    private static String adjustment(String identifier) {
        JsonObject cancel = new JsonObject();
        cancel.addProperty("identifier", identifier);
        JsonObject adjustment = new JsonObject();
        adjustment.addProperty("object", "billing.meter_event_adjustment");
        adjustment.add("cancel", cancel);
        adjustment.addProperty("event_name", "agent_execution");
        adjustment.addProperty("livemode", false);
        adjustment.addProperty("status", "pending");
        adjustment.addProperty("type", "cancel");
        return adjustment.toString();
    }
}
