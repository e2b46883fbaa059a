package com.agentmarket.billing.adapter.out.stripe;

import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stripe's failures as the application understands them: refusals carry Stripe's message for the customer; an
 * unreachable, overloaded or misconfigured Stripe is "unavailable, retry later". Authentication failures never pass
 * Stripe's message on, since it quotes part of the key.
 */
final class StripeFailures {

    private static final Logger LOG = Logger.getLogger(StripeFailures.class.getName());

    private StripeFailures() {
    }

    static PaymentGatewayException translate(String operation, StripeException failure) {
        String reference = operation + " (Stripe request " + failure.getRequestId() + ", code " + failure.getCode() + ")";
        if (failure instanceof CardException) {
            return new PaymentGatewayException.Rejected(PaymentGatewayException.Rejected.Kind.CARD_DECLINED,
                    stripeMessage(failure), failure);
        }
        if (failure instanceof InvalidRequestException || failure instanceof IdempotencyException) {
            boolean missing = Integer.valueOf(404).equals(failure.getStatusCode()) || "resource_missing".equals(failure.getCode());
            return new PaymentGatewayException.Rejected(missing ? PaymentGatewayException.Rejected.Kind.NOT_FOUND
                    : PaymentGatewayException.Rejected.Kind.INVALID_REQUEST, stripeMessage(failure), failure);
        }
        if (failure instanceof AuthenticationException) {
            LOG.severe(() -> "Stripe refused our API key for " + reference + ": check STRIPE_SECRET_KEY");
            return new PaymentGatewayException.Unavailable("Stripe is not reachable with the configured key.",
                    Duration.ofMinutes(1), null);
        }
        if (failure instanceof RateLimitException) {
            LOG.warning(() -> "Stripe rate-limited " + reference);
            return new PaymentGatewayException.Unavailable("Stripe is rate-limiting requests.", Duration.ofSeconds(2), failure);
        }
        if (failure instanceof ApiConnectionException) {
            // One line per failed call: during an outage every retry fails alike, and a stack trace each time filled the
            // log (33 MB in 5 minutes in one bench experiment). The trace is there at FINE for whoever needs it.
            LOG.warning(() -> "Stripe unreachable for " + reference + ": " + failure.getCause());
            LOG.log(Level.FINE, "Stripe unreachable for " + reference, failure.getCause());
            return new PaymentGatewayException.Unavailable("Stripe cannot be reached.", Duration.ofSeconds(5), failure);
        }
        LOG.warning(() -> "Stripe failed " + reference + " with HTTP " + failure.getStatusCode());
        return new PaymentGatewayException.Unavailable("Stripe is having trouble.", Duration.ofSeconds(5), failure);
    }

    /** How a translated failure is counted: rejected or unavailable. */
    static String outcome(PaymentGatewayException failure) {
        return failure instanceof PaymentGatewayException.Rejected ? "rejected" : "unavailable";
    }

    private static String stripeMessage(StripeException failure) {
        return failure.getStripeError() != null && failure.getStripeError().getMessage() != null
                ? failure.getStripeError().getMessage() : "Stripe refused the request.";
    }
}
