package com.agentmarket.billing.application.plan.port.in;

import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the configured Stripe prices against the catalog (amount, currency, monthly interval, active), so a price
 * id pasted into the wrong variable is found at startup rather than on a customer's invoice.
 */
public interface CheckPriceConfiguration {

    /** Asks Stripe now; the answer is also kept as the last report. */
    Report check();

    /** The answer of the last check on this server; empty before the first. */
    Optional<Report> lastReport();

    /** The outcome; {@code problems} says what is wrong, one line each; {@code stripeMode} which key is used. */
    record Report(Status status, List<String> problems, GatewayMode stripeMode) {

        public Report {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(stripeMode, "stripeMode");
            problems = List.copyOf(problems);
        }
    }

    enum Status {
        /** Every configured price sells its tier as the catalog says. */
        MATCHES,
        MISMATCH,
        /** Stripe could not be asked; the check will be repeated. */
        STRIPE_UNAVAILABLE,
        /** No Stripe key: nothing can be sold. */
        NOT_CONFIGURED
    }
}
