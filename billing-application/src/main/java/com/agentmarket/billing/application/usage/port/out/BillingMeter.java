package com.agentmarket.billing.application.usage.port.out;

/** Stripe's Billing Meter, which bills usage through a metered price. */
public interface BillingMeter {

    /**
     * Sends the report as one meter event; sending the same identifier again does not count it twice.
     *
     * @throws com.agentmarket.billing.application.payment.port.out.PaymentGatewayException when Stripe refuses it or
     *         cannot be reached
     */
    void report(UsageReport report);
}
