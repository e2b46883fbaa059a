package com.agentmarket.billing.adapter.out.stripe;

import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way this adapter calls Stripe: through stripe-java's client (which retries network failures itself), timed
 * and counted per operation, every failure translated into the application's terms ({@link StripeFailures}).
 * Without a secret key, Stripe is unavailable and says why.
 */
final class StripeCalls {

    /** One request to Stripe. */
    @FunctionalInterface
    interface StripeCall<T> {
        T call(StripeClient stripe) throws StripeException;
    }

    private final Optional<StripeClient> client;
    private final StripeCallMetrics metrics;

    StripeCalls(Optional<StripeClient> client, StripeCallMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    <T> T call(String operation, StripeCall<T> call) {
        StripeClient stripe = client.orElseThrow(() -> new PaymentGatewayException.Unavailable(
                "Stripe is not configured (STRIPE_SECRET_KEY).", Duration.ofMinutes(5), null));
        long start = System.nanoTime();
        try {
            T result = call.call(stripe);
            metrics.called(operation, Duration.ofNanos(System.nanoTime() - start), "ok");
            return result;
        } catch (StripeException failure) {
            PaymentGatewayException translated = StripeFailures.translate(operation, failure);
            metrics.called(operation, Duration.ofNanos(System.nanoTime() - start), StripeFailures.outcome(translated));
            throw translated;
        }
    }
}
