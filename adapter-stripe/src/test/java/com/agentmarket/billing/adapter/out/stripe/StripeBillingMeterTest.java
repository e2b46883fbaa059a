package com.agentmarket.billing.adapter.out.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.StripeClient;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeBillingMeterTest {

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
        meter = new StripeBillingMeter(Optional.of(StripeClient.builder().setApiKey("sk_test_meter")
                .setApiBase(stripe.baseUrl()).setMaxNetworkRetries(1).build()), "agent_execution", StripeCallMetrics.none());
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
}
