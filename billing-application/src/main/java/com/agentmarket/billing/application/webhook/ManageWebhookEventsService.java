package com.agentmarket.billing.application.webhook;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.webhook.InboxEvent;
import com.agentmarket.billing.application.webhook.port.in.ManageWebhookEvents;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.port.out.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

@ApplicationScoped
class ManageWebhookEventsService implements ManageWebhookEvents {

    private final WebhookInbox inbox;
    private final DueWork work;
    private final AuditTrail audit;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    ManageWebhookEventsService(WebhookInbox inbox, DueWork work, AuditTrail audit, InTransaction tx, Clock clock) {
        this.inbox = inbox;
        this.work = work;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected ManageWebhookEventsService() {
        this(null, null, null, null, null);
    }

    @Override
    public Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size) {
        return tx.call(() -> inbox.list(status, page, size));
    }

    @Override
    public InboxEvent replay(String operator, String eventId) {
        return tx.call(() -> {
            if (!work.replay(WorkKind.WEBHOOK_EVENT, eventId, clock.now())) {
                throw new BillingRejection(BillingRejection.Reason.NOT_FOUND, "No webhook event " + eventId + " is stored.");
            }
            audit.record(new AuditTrail.Entry(clock.now(), operator, "webhook-event.replay", eventId, Optional.empty()));
            return inbox.find(eventId).orElseThrow();
        });
    }
}
