package com.agentmarket.billing.application.work;

/**
 * The kinds of durable due work: each is stored in its own table with the same claim, lease and retry columns, and
 * run by the same {@link DueWorkRunner}.
 */
public enum WorkKind {
    /** Stripe's webhook events, handled in the order Stripe created them. */
    WEBHOOK_EVENT("webhook-events"),
    /** E-mails to customers. */
    NOTIFICATION("notifications"),
    /** Meter events for Stripe, at most one per customer in flight. */
    USAGE_REPORT("usage-reports"),
    /** One customer's usage over one closed hour, compared with Stripe's meter. */
    USAGE_RECONCILIATION("usage-reconciliation");

    private final String label;

    WorkKind(String label) {
        this.label = label;
    }

    /** The name operators see in the admin API and in metric tags. */
    public String label() {
        return label;
    }
}
