package com.agentmarket.billing.adapter.out.stripe;

import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.billing.MeterEventCreateParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * Reports usage as v1 Billing Meter events ({@code POST /v1/billing/meter_events}). v1 rather than the v2 stream:
 * we send one aggregated event per customer and round, far below v1's 1,000 events/s, and v1 answers each event
 * synchronously, so a 2xx means Stripe accepted it (the v2 stream reports rejections later, asynchronously, and
 * needs its session token refreshed). The report's identifier is both the event's {@code identifier} and the
 * request's idempotency key: a resend after a crash is the same event to Stripe, not a second one.
 */
@ApplicationScoped
class StripeBillingMeter implements BillingMeter {

    private final Optional<StripeClient> client;
    private final String eventName;
    private final StripeCallMetrics metrics;

    @Inject
    StripeBillingMeter(Optional<StripeClient> client, StripeSettings settings, StripeCallMetrics metrics) {
        this(client, settings.meterEventName(), metrics);
    }

    StripeBillingMeter(Optional<StripeClient> client, String eventName, StripeCallMetrics metrics) {
        this.client = client;
        this.eventName = eventName;
        this.metrics = metrics;
    }

    /** For CDI's client proxy. */
    protected StripeBillingMeter() {
        this(Optional.empty(), (String) null, null);
    }

    @Override
    public void report(UsageReport report) {
        StripeClient stripe = client.orElseThrow(() -> new PaymentGatewayException.Unavailable(
                "Stripe is not configured (STRIPE_SECRET_KEY).", Duration.ofMinutes(5), null));
        MeterEventCreateParams params = MeterEventCreateParams.builder()
                .setEventName(eventName)
                .setIdentifier(report.identifier())
                .putPayload("stripe_customer_id", report.stripeCustomer().value())
                .putPayload("value", Long.toString(report.value()))
                .setTimestamp(report.timestamp().getEpochSecond())
                .build();
        long start = System.nanoTime();
        try {
            stripe.v1().billing().meterEvents().create(params,
                    RequestOptions.builder().setIdempotencyKey(report.identifier()).build());
            metrics.called("send meter event", Duration.ofNanos(System.nanoTime() - start), "ok");
        } catch (StripeException failure) {
            PaymentGatewayException translated = StripeFailures.translate("send meter event", failure);
            metrics.called("send meter event", Duration.ofNanos(System.nanoTime() - start), StripeFailures.outcome(translated));
            throw translated;
        }
    }

    @Override
    public java.util.List<com.agentmarket.billing.application.usage.port.out.MeterWindow> hourlyTotals(
            com.agentmarket.billing.domain.customer.StripeCustomerId customer, java.time.Instant from, java.time.Instant to) {
        throw new PaymentGatewayException.Unavailable("Reading the meter's event summaries is not built yet.",
                Duration.ofMinutes(5), null);
    }

    @Override
    public void cancel(String identifier) {
        throw new PaymentGatewayException.Unavailable("Meter event adjustments are not built yet.", Duration.ofMinutes(5),
                null);
    }
}
