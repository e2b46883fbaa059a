package com.agentmarket.billing.application.webhook.port.in;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.webhook.InboxEvent;
import java.util.Optional;

/** What operators do with the inbox: look at it, and replay an event (after fixing what made it fail). */
public interface ManageWebhookEvents {

    Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size);

    /**
     * Processes the stored event again from scratch (audited with the operator's id), through the same idempotent handlers: the outcome is the one
     * Stripe's current state gives, and a notification already queued is not queued again.
     *
     * @throws com.agentmarket.billing.application.shared.BillingRejection NOT_FOUND when there is no such event
     */
    InboxEvent replay(String operator, String eventId);
}
