package com.agentmarket.billing.adapter.out.stripe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Latency and failures of every Stripe call, by operation, on {@code /metrics}. */
@ApplicationScoped
class StripeCallMetrics {

    private final MetricRegistry registry;

    @Inject
    StripeCallMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** For CDI's client proxy. */
    protected StripeCallMetrics() {
        this(null);
    }

    /** Counts nothing: for tests of the adapter outside the container. */
    static StripeCallMetrics none() {
        return new StripeCallMetrics(null);
    }

    void called(String operation, Duration took, String outcome) {
        if (registry == null) {
            return;
        }
        Tag operationTag = new Tag("operation", operation.replace(' ', '_'));
        registry.timer("billing_stripe_calls", operationTag).update(took);
        if (!outcome.equals("ok")) {
            registry.counter("billing_stripe_errors", operationTag, new Tag("kind", outcome)).inc();
        }
    }
}
