package com.agentmarket.billing.assembly;

import java.util.Optional;

/**
 * Every environment variable the application reads, with its default: the one list of them. The README's
 * configuration table is checked against it by a test ({@code ConfigurationTableTest}); Liberty's own variables
 * (ports, datasource, MP-JWT, CORS, Admin Center) are read by {@code server.xml} and not listed here.
 */
enum Variable {
    HTTP_PORT("9080"),

    STRIPE_SECRET_KEY(null),
    STRIPE_WEBHOOK_SECRET(null),
    STRIPE_PRICE_BASIC(null),
    STRIPE_PRICE_PRO(null),
    STRIPE_PRICE_ENTERPRISE(null),
    STRIPE_PRICE_METERED(null),
    STRIPE_API_BASE(null, "Stripe's"),
    STRIPE_METER_EVENTS_BASE(null, "STRIPE_API_BASE when set, else Stripe's"),
    STRIPE_CONNECT_TIMEOUT_MS("5000"),
    STRIPE_READ_TIMEOUT_MS("20000"),
    STRIPE_MAX_NETWORK_RETRIES("2"),
    STRIPE_METER_EVENT_NAME("agent_execution"),
    STRIPE_METER_ID(null),

    BILLING_PUBLIC_URL(null, "http://localhost:${HTTP_PORT}"),
    BILLING_ALLOWED_REDIRECT_ORIGINS(null),
    BILLING_OVERAGE("block"),
    BILLING_TRIAL_DAYS("0"),
    BILLING_ALLOW_PROMOTION_CODES("false"),
    BILLING_AUTOMATIC_TAX("false"),
    BILLING_SUSPEND_ON_PAYMENT_FAILURE("false"),

    BILLING_WEBHOOK_MAX_BYTES("1048576"),
    BILLING_WEBHOOK_POLL_MS("500"),
    BILLING_WEBHOOK_MAX_ATTEMPTS("8"),
    BILLING_WEBHOOK_RETRY_BASE_MS("30000"),
    BILLING_WEBHOOK_RETRY_MAX_MS("3600000"),

    BILLING_NOTIFICATION_POLL_MS("1000"),
    BILLING_NOTIFICATION_MAX_ATTEMPTS("10"),
    BILLING_NOTIFICATION_RETRY_BASE_MS("30000"),
    BILLING_NOTIFICATION_RETRY_MAX_MS("3600000"),

    BILLING_EXECUTION_BATCH_MAX("100"),
    BILLING_EXECUTION_QUEUE("4096"),
    BILLING_EXECUTION_WRITERS("2"),

    BILLING_USAGE_REPORT_MS("1000"),
    BILLING_USAGE_BATCH_SIZE("500"),
    BILLING_USAGE_AGGREGATION_MS("60000"),
    BILLING_USAGE_CLAIM_LEASE_MS("120000"),
    BILLING_USAGE_REPORT_CONCURRENCY("8"),
    BILLING_USAGE_RETRY_BASE_MS("1000"),
    BILLING_USAGE_RETRY_MAX_MS("300000"),
    BILLING_USAGE_ALERT_PERCENTS("80,100"),

    BILLING_RECONCILE_MODE("report"),
    BILLING_RECONCILE_POLL_MS("300000"),
    BILLING_RECONCILE_LAG_MS("7200000"),

    SMTP_HOST(null),
    SMTP_PORT("25"),
    SMTP_FROM("billing@localhost"),
    SMTP_USER(null),
    SMTP_PASSWORD(null);

    private final String defaultValue;
    private final String documentedDefault;

    Variable(String defaultValue) {
        this(defaultValue, defaultValue == null ? "(none)" : defaultValue);
    }

    /** @param documentedDefault how the README states a default the code works out (or "(none)") */
    Variable(String defaultValue, String documentedDefault) {
        this.defaultValue = defaultValue;
        this.documentedDefault = documentedDefault;
    }

    /** The value used when the variable is not set; empty when there is none. */
    Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as the README's configuration table states it. */
    String documentedDefault() {
        return documentedDefault;
    }
}
