package com.agentmarket.billing.application.notification.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to a customer. Its {@code key} names what it is about (for example one invoice's payment attempt), so
 * the same notification is queued, and so sent, once however often the cause is seen again.
 */
public record Notification(String key, CustomerId customer, Optional<Email> recipient, String subject, String body) {

    public Notification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
