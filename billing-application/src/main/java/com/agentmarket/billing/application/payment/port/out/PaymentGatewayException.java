package com.agentmarket.billing.application.payment.port.out;

import java.time.Duration;
import java.util.Objects;

/** Stripe did not do what was asked. Nothing about the failure exposes a secret. */
public abstract sealed class PaymentGatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PaymentGatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Stripe refused the request itself (a declined card, an invalid request): retrying the same will not help. */
    public static final class Rejected extends PaymentGatewayException {

        private static final long serialVersionUID = 1L;

        /** What kind of refusal, to choose the answer: payment problems, missing objects, anything else. */
        public enum Kind {
            CARD_DECLINED,
            NOT_FOUND,
            INVALID_REQUEST
        }

        private final Kind kind;

        public Rejected(Kind kind, String stripeMessage, Throwable cause) {
            super(stripeMessage, cause);
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public Kind kind() {
            return kind;
        }
    }

    /** Stripe is unreachable, slow, overloaded or misconfigured here: try again later. */
    public static final class Unavailable extends PaymentGatewayException {

        private static final long serialVersionUID = 1L;

        private final Duration retryAfter;

        public Unavailable(String message, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
