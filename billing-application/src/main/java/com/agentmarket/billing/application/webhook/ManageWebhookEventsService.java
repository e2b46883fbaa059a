package com.agentmarket.billing.application.webhook;

import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.webhook.port.in.ManageWebhookEvents;
import com.agentmarket.billing.application.webhook.port.out.InboxEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

@ApplicationScoped
class ManageWebhookEventsService implements ManageWebhookEvents {

    private final WebhookInbox inbox;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    ManageWebhookEventsService(WebhookInbox inbox, InTransaction tx, Clock clock) {
        this.inbox = inbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected ManageWebhookEventsService() {
        this(null, null, null);
    }

    @Override
    public Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size) {
        return tx.call(() -> inbox.list(status, page, size));
    }

    @Override
    public InboxEvent replay(String eventId) {
        return tx.call(() -> {
            if (!inbox.replay(eventId, clock.now())) {
                throw new BillingRejection(BillingRejection.Reason.NOT_FOUND, "No webhook event " + eventId + " is stored.");
            }
            return inbox.find(eventId).orElseThrow();
        });
    }
}
