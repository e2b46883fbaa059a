package com.agentmarket.billing.application.webhook.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Stripe event whose signature checked out: what the inbox needs to route it. The event's own copy of the object
 * is never applied (it may be older than Stripe's current state); handlers fetch the object again.
 *
 * @param objectId the id of {@code data.object} (a subscription, checkout session, invoice, ...)
 * @param invoiceAttempt for invoice events, the payment attempt the event is about
 */
public record VerifiedEvent(String id, String type, boolean livemode, Optional<String> apiVersion, Instant created,
        Optional<String> objectId, OptionalInt invoiceAttempt) {

    public VerifiedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(invoiceAttempt, "invoiceAttempt");
    }
}
