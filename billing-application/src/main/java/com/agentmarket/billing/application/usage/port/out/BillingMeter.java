package com.agentmarket.billing.application.usage.port.out;

import com.agentmarket.billing.domain.customer.StripeCustomerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stripe's Billing Meter, which bills usage through a metered price. */
public interface BillingMeter {

    /** Stripe takes meter events stamped up to this long ago, no older. */
    Duration OLDEST_EVENT = Duration.ofDays(35);

    /**
     * Sends the report as one meter event; sending the same identifier again does not count it twice.
     *
     * @throws com.agentmarket.billing.application.payment.port.out.PaymentGatewayException when Stripe refuses it or
     *         cannot be reached
     */
    void report(UsageReport report);

    /**
     * What the meter summed for the customer, hour by hour, over {@code [from, to)} (Stripe's event summaries with
     * {@code value_grouping_window=hour}; both ends on whole hours). Hours without events may be absent.
     *
     * @throws com.agentmarket.billing.application.payment.port.out.PaymentGatewayException when Stripe refuses or
     *         cannot be reached
     */
    List<MeterWindow> hourlyTotals(StripeCustomerId customer, Instant from, Instant to);

    /**
     * Cancels a meter event Stripe accepted less than 24 hours ago (a meter event adjustment), by its identifier;
     * cancelling it again changes nothing.
     *
     * @throws com.agentmarket.billing.application.payment.port.out.PaymentGatewayException when Stripe refuses (the
     *         event is older than 24 hours, or unknown) or cannot be reached
     */
    void cancel(String identifier);
}
