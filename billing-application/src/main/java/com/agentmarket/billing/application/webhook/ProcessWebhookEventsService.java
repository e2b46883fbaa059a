package com.agentmarket.billing.application.webhook;

import com.agentmarket.billing.application.webhook.InboxEvent;
import com.agentmarket.billing.application.webhook.port.in.ProcessWebhookEvents;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import com.agentmarket.billing.application.work.DueWorkHandler;
import com.agentmarket.billing.application.work.DueWorkRunner;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the handlers of due inbox events, in the order Stripe created them. A failure is retried with the inbox's
 * retry policy and, after its last attempt, left dead for an operator. Handlers are idempotent and apply Stripe's
 * current objects, so running one twice (a lost lease, a replay) changes nothing more.
 */
@ApplicationScoped
class ProcessWebhookEventsService implements ProcessWebhookEvents, DueWorkHandler<InboxEvent> {

    private final WebhookInbox inbox;
    private final WebhookHandlers handlers;
    private final DueWorkRunner runner;

    @Inject
    ProcessWebhookEventsService(WebhookInbox inbox, WebhookHandlers handlers, DueWorkRunner runner) {
        this.inbox = inbox;
        this.handlers = handlers;
        this.runner = runner;
    }

    /** For CDI's client proxy. */
    protected ProcessWebhookEventsService() {
        this(null, null, null);
    }

    @Override
    public int processDue() {
        return runner.runDue(this).claimed();
    }

    @Override
    public WorkKind kind() {
        return WorkKind.WEBHOOK_EVENT;
    }

    @Override
    public Map<String, InboxEvent> load(Collection<String> keys) {
        Map<String, InboxEvent> events = new LinkedHashMap<>();
        keys.forEach(key -> inbox.find(key).ifPresent(event -> events.put(key, event)));
        return events;
    }

    @Override
    public WorkOutcome perform(InboxEvent claimed, int attempts) {
        return new WorkOutcome.Done(handlers.handle(claimed.event()));
    }
}
