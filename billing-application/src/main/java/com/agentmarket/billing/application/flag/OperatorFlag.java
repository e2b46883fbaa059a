package com.agentmarket.billing.application.flag;

import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the service met that it would not decide on its own and that may cost a customer or us money: shown to
 * operators (admin API, health data, a {@code BILLING FLAG} log line) until one of them resolves it. One flag per
 * kind and subject.
 *
 * @param id the store's id, 0 before it is stored
 * @param subject the Stripe object it is about (a subscription, a checkout session)
 */
public record OperatorFlag(long id, Kind kind, String subject, Optional<CustomerId> customer, String detail,
        Instant raisedAt, Optional<Instant> resolvedAt, Optional<String> resolvedBy) {

    public enum Kind {
        /** A second live subscription of one customer, canceled and refunded by the service. */
        DUPLICATE_SUBSCRIPTION,
        /** A subscription on a price that matches no tier (check {@code STRIPE_PRICE_*}). */
        UNKNOWN_SUBSCRIPTION_PRICE,
        /** A completed checkout session this service did not create for the customer it names: not linked. */
        UNVERIFIED_CHECKOUT;

        /** As the API spells it, e.g. {@code duplicate_subscription}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether an operator dealt with it. */
    public enum State {
        OPEN,
        RESOLVED
    }

    public static final int MAX_DETAIL = 1000;

    public OperatorFlag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(detail, "detail");
        detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(resolvedBy, "resolvedBy");
    }

    /** A new flag, not stored yet. */
    public static OperatorFlag raised(Kind kind, String subject, Optional<CustomerId> customer, String detail, Instant at) {
        return new OperatorFlag(0, kind, subject, customer, detail, at, Optional.empty(), Optional.empty());
    }

    public State state() {
        return resolvedAt.isEmpty() ? State.OPEN : State.RESOLVED;
    }
}
