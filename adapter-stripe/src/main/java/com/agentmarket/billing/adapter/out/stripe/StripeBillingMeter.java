package com.agentmarket.billing.adapter.out.stripe;

import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.usage.port.out.BillingMeter;
import com.agentmarket.billing.application.usage.port.out.MeterWindow;
import com.agentmarket.billing.application.usage.port.out.UsageReport;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.stripe.StripeClient;
import com.stripe.model.StripeCollection;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.net.RequestOptions;
import com.stripe.param.billing.MeterEventAdjustmentCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.billing.MeterEventSummaryListParams;
import com.stripe.param.billing.MeterListParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reports usage as v1 Billing Meter events ({@code POST /v1/billing/meter_events}). v1 rather than the v2 stream:
 * we send one aggregated event per customer and round, far below v1's 1,000 events/s, and v1 answers each event
 * synchronously, so a 2xx means Stripe accepted it (the v2 stream reports rejections later, asynchronously, and
 * needs its session token refreshed). The report's identifier is both the event's {@code identifier} and the
 * request's idempotency key: a resend after a crash is the same event to Stripe, not a second one.
 *
 * <p>Reads what the meter summed ({@code GET /v1/billing/meters/{id}/event_summaries}, by the hour) and cancels
 * events ({@code POST /v1/billing/meter_event_adjustments}), for reconciliation. Summaries need the meter's id: the
 * configured one, or else the active meter with our event name, looked up once per process.
 */
@ApplicationScoped
class StripeBillingMeter implements BillingMeter {

    /** Stripe's largest page. A month of hours is 8 pages. */
    private static final long PAGE = 100;
    /**
     * Stripe's {@code aggregated_value} is a floating-point number: a sum of whole numbers is allowed to come back a
     * hair off one. Anything further off is not a count of executions.
     */
    private static final BigDecimal WHOLE_NUMBER_TOLERANCE = new BigDecimal("0.000001");

    private final StripeCalls calls;
    private final String eventName;
    private final Optional<String> configuredMeterId;
    /** Held while the meter is looked up, so that concurrent first callers make one lookup, not one each. */
    private final Object meterLookup = new Object();
    /** The meter found by event name; null until found (a miss is not kept: the meter may be created meanwhile). */
    private volatile String foundMeterId;

    @Inject
    StripeBillingMeter(Optional<StripeClient> client, StripeSettings settings, StripeCallMetrics metrics) {
        this(client, settings.meterEventName(), settings.meterId(), metrics);
    }

    StripeBillingMeter(Optional<StripeClient> client, String eventName, Optional<String> meterId,
            StripeCallMetrics metrics) {
        this.calls = new StripeCalls(client, metrics);
        this.eventName = eventName;
        this.configuredMeterId = meterId;
    }

    /** For CDI's client proxy. */
    protected StripeBillingMeter() {
        this(Optional.empty(), (String) null, Optional.empty(), null);
    }

    /** One request to Stripe, timed, its failure translated and counted ({@link StripeCalls}). */
    private <T> T stripe(String operation, StripeCalls.StripeCall<T> call) {
        return calls.call(operation, call);
    }

    @Override
    public void report(UsageReport report) {
        MeterEventCreateParams params = MeterEventCreateParams.builder()
                .setEventName(eventName)
                .setIdentifier(report.identifier())
                .putPayload("stripe_customer_id", report.stripeCustomer().value())
                .putPayload("value", Long.toString(report.value()))
                .setTimestamp(report.timestamp().getEpochSecond())
                .build();
        stripe("send meter event", stripe -> stripe.v1().billing().meterEvents().create(params,
                RequestOptions.builder().setIdempotencyKey(report.identifier()).build()));
    }

    @Override
    public List<MeterWindow> hourlyTotals(StripeCustomerId customer, Instant from, Instant to) {
        if (!from.equals(from.truncatedTo(ChronoUnit.HOURS)) || !to.equals(to.truncatedTo(ChronoUnit.HOURS))
                || !to.isAfter(from)) {
            throw new IllegalArgumentException("hourly totals are read over whole hours, from before to: " + from
                    + " .. " + to);
        }
        String meter = meterId();
        List<MeterWindow> windows = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            MeterEventSummaryListParams.Builder params = MeterEventSummaryListParams.builder()
                    .setCustomer(customer.value())
                    .setStartTime(from.getEpochSecond())
                    .setEndTime(to.getEpochSecond())
                    .setValueGroupingWindow(MeterEventSummaryListParams.ValueGroupingWindow.HOUR)
                    .setLimit(PAGE);
            if (after != null) {
                params.setStartingAfter(after);
            }
            StripeCollection<MeterEventSummary> page = stripe("list meter event summaries",
                    stripe -> stripe.v1().billing().meters().eventSummaries().list(meter, params.build()));
            List<MeterEventSummary> summaries = page.getData();
            for (MeterEventSummary summary : summaries) {
                windows.add(new MeterWindow(Instant.ofEpochSecond(summary.getStartTime()),
                        Instant.ofEpochSecond(summary.getEndTime()), count(meter, summary)));
            }
            more = Boolean.TRUE.equals(page.getHasMore()) && !summaries.isEmpty();
            if (more) {
                after = summaries.get(summaries.size() - 1).getId();
            }
        }
        windows.sort(Comparator.comparing(MeterWindow::start));
        return List.copyOf(windows);
    }

    /**
     * The summary's value as a count. We only ever send whole numbers, so anything else means the meter counts
     * something besides our executions (someone else's events, another aggregation): reconciling against it would be
     * wrong, so it is refused as a misconfiguration rather than rounded away.
     */
    private static long count(String meter, MeterEventSummary summary) {
        BigDecimal value = summary.getAggregatedValue();
        if (value != null) {
            BigDecimal whole = value.setScale(0, RoundingMode.HALF_UP);
            if (whole.subtract(value).abs().compareTo(WHOLE_NUMBER_TOLERANCE) <= 0
                    && whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
                return whole.longValueExact();
            }
        }
        throw new PaymentGatewayException.Unavailable("Stripe's meter " + meter + " summed " + value + " for the hour from "
                + Instant.ofEpochSecond(summary.getStartTime()) + ", which is not a count of executions: check that "
                + "STRIPE_METER_ID / STRIPE_METER_EVENT_NAME name a meter that sums only this service's events.",
                Duration.ofMinutes(5), null);
    }

    /** The configured meter, or the active one with our event name, looked up on first use and then kept. */
    private String meterId() {
        if (configuredMeterId.isPresent()) {
            return configuredMeterId.get();
        }
        String found = foundMeterId;
        if (found != null) {
            return found;
        }
        synchronized (meterLookup) {
            if (foundMeterId == null) {
                foundMeterId = lookUpMeter();
            }
            return foundMeterId;
        }
    }

    private String lookUpMeter() {
        String after = null;
        boolean more = true;
        while (more) {
            MeterListParams.Builder params = MeterListParams.builder()
                    .setStatus(MeterListParams.Status.ACTIVE)
                    .setLimit(PAGE);
            if (after != null) {
                params.setStartingAfter(after);
            }
            StripeCollection<Meter> page = stripe("list meters", stripe -> stripe.v1().billing().meters().list(params.build()));
            List<Meter> meters = page.getData();
            Optional<String> match = meters.stream().filter(meter -> eventName.equals(meter.getEventName()))
                    .map(Meter::getId).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            more = Boolean.TRUE.equals(page.getHasMore()) && !meters.isEmpty();
            if (more) {
                after = meters.get(meters.size() - 1).getId();
            }
        }
        throw new PaymentGatewayException.Unavailable("Stripe has no active Billing Meter with the event name '" + eventName
                + "' (STRIPE_METER_EVENT_NAME): create it, or set STRIPE_METER_ID to the meter's id.",
                Duration.ofMinutes(5), null);
    }

    /**
     * Cancels the event by its identifier. The idempotency key is derived from the identifier, so a retry of the
     * same cancellation is the same request to Stripe and never a second one. It differs from the event's own key (the
     * identifier itself): Stripe ties a key to its first request, so reusing that one would replay or refuse the event's
     * creation instead of cancelling it.
     */
    @Override
    public void cancel(String identifier) {
        MeterEventAdjustmentCreateParams params = MeterEventAdjustmentCreateParams.builder()
                .setEventName(eventName)
                .setType(MeterEventAdjustmentCreateParams.Type.CANCEL)
                .setCancel(MeterEventAdjustmentCreateParams.Cancel.builder().setIdentifier(identifier).build())
                .build();
        stripe("cancel meter event", stripe -> stripe.v1().billing().meterEventAdjustments().create(params,
                RequestOptions.builder().setIdempotencyKey("cancel:" + identifier).build()));
    }
}
