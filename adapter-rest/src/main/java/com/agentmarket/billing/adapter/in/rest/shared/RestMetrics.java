package com.agentmarket.billing.adapter.in.rest.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What the HTTP side counts on {@code /metrics} (scope {@code application}): the answers to executions and the webhook
 * deliveries. The background jobs count their own work, the backlogs are gauges in {@code adapter-operations}, and
 * Stripe calls are timed in the Stripe adapter.
 */
@ApplicationScoped
public class RestMetrics {

    private final MetricRegistry registry;
    /** The execution counters by outcome, looked up once: they are counted on the hot path. */
    private final Map<String, Counter> executions = new ConcurrentHashMap<>();

    @Inject
    public RestMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** For CDI's client proxy. */
    protected RestMetrics() {
        this(null);
    }

    /** An answer to an execution: admitted, quota_exceeded (a quota denial) or account_suspended; a repeated id answers again. */
    public void execution(String outcome) {
        executions.computeIfAbsent(outcome, key -> registry.counter("billing_executions", new Tag("outcome", key))).inc();
    }

    /** A webhook delivery: stored, duplicate or refused. */
    public void webhookReceived(String outcome) {
        registry.counter("billing_webhook_events_received", new Tag("outcome", outcome)).inc();
    }
}
