package com.agentmarket.billing.adapter.in.rest.shared;

/** The kinds of problem the API answers with; the suffix is the stable part clients match on. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is not valid", 400),
    UNKNOWN_PRICE("unknown-price", "Unknown price", 400),
    REDIRECT_NOT_ALLOWED("redirect-not-allowed", "Redirect not allowed", 400),
    STRIPE_REJECTED("stripe-rejected", "Stripe refused the request", 400),
    INVALID_SIGNATURE("invalid-signature", "The webhook signature is not valid", 400),
    PAYMENT_DECLINED("payment-declined", "The payment was declined", 402),
    QUOTA_EXCEEDED("quota-exceeded", "The plan's executions for this period are used up", 402),
    ACCOUNT_SUSPENDED("account-suspended", "The account is suspended", 402),
    TIMESTAMP_OUT_OF_RANGE("timestamp-out-of-range", "The timestamp is outside Stripe's meter window", 400),
    ALREADY_SUBSCRIBED("already-subscribed", "Already subscribed", 409),
    NOT_SUBSCRIBED("not-subscribed", "No paid subscription", 409),
    CHANGE_PENDING("change-pending", "A plan change waits for its payment", 409),
    CANCELLATION_SCHEDULED("cancellation-scheduled", "The subscription ends at the period's end", 409),
    NOT_RESUMABLE("not-resumable", "The subscription cannot be resumed", 409),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused for a different request", 422),
    SET_NOT_SUPPORTED("set-not-supported", "Usage can only be incremented", 422),
    STRIPE_UNAVAILABLE("stripe-unavailable", "Stripe is unavailable", 503),
    DATABASE_UNAVAILABLE("database-unavailable", "The database is unavailable", 503),
    SERVICE_NOT_CONFIGURED("service-not-configured", "The service is not configured for this yet", 503),
    UNAUTHENTICATED("unauthenticated", "A valid bearer token is required", 401),
    FORBIDDEN("forbidden", "The token does not allow this", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "The resource changed concurrently; retry", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    INTERNAL("internal-error", "Internal error", 500);

    private final String suffix;
    private final String title;
    private final int status;

    ProblemType(String suffix, String title, int status) {
        this.suffix = suffix;
        this.title = title;
        this.status = status;
    }

    public String suffix() {
        return suffix;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The generic problem for an HTTP status the API answers with. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
