package com.agentmarket.billing.application.checkout.port.in;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.plan.PriceId;
import java.util.Objects;
import java.util.Optional;

/**
 * @param clientKey the caller's {@code Idempotency-Key}: a retry with the same key gets the same session
 */
public record StartCheckoutCommand(CustomerId customer, Optional<Email> email, PriceId price, String successUrl,
        String cancelUrl, Optional<String> clientKey) {

    public StartCheckoutCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(clientKey, "clientKey");
    }
}
