package com.agentmarket.billing.application.webhook;

import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.WorkerIdentity;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.webhook.port.in.ProcessWebhookEvents;
import com.agentmarket.billing.application.webhook.port.out.InboxEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims due inbox events and runs their handlers. A failure is retried with backoff and, after
 * {@code maxAttempts}, left dead for an operator. Handlers are idempotent and apply Stripe's current objects, so
 * running one twice (a lost lease, a replay) changes nothing more.
 */
@ApplicationScoped
class ProcessWebhookEventsService implements ProcessWebhookEvents {

    private static final Logger LOG = Logger.getLogger(ProcessWebhookEventsService.class.getName());
    static final int BATCH = 10;
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final WebhookInbox inbox;
    private final WebhookHandlers handlers;
    private final WebhookSettings settings;
    private final InTransaction tx;
    private final Clock clock;
    private final WorkerIdentity worker;

    @Inject
    ProcessWebhookEventsService(WebhookInbox inbox, WebhookHandlers handlers, WebhookSettings settings, InTransaction tx,
            Clock clock, WorkerIdentity worker) {
        this.inbox = inbox;
        this.handlers = handlers;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
        this.worker = worker;
    }

    /** For CDI's client proxy. */
    protected ProcessWebhookEventsService() {
        this(null, null, null, null, null, null);
    }

    @Override
    public int processDue() {
        List<InboxEvent> claimed = tx.call(() -> inbox.claimDue(BATCH, clock.now(), LEASE, worker.id()));
        claimed.forEach(this::process);
        return claimed.size();
    }

    private void process(InboxEvent claimed) {
        String eventId = claimed.event().id();
        try {
            Optional<String> outcome = handlers.handle(claimed.event());
            tx.call(() -> {
                inbox.processed(eventId, worker.id(), outcome, clock.now());
                return null;
            });
        } catch (RuntimeException failure) {
            Instant now = clock.now();
            boolean giveUp = claimed.attempts() >= settings.maxAttempts();
            Optional<Instant> retryAt = giveUp ? Optional.empty()
                    : Optional.of(now.plus(settings.backoffAfter(claimed.attempts())));
            String error = describe(failure);
            LOG.log(giveUp ? Level.SEVERE : Level.WARNING, "Webhook event " + eventId + " (" + claimed.event().type()
                    + ") failed on attempt " + claimed.attempts() + (giveUp ? "; now dead, replay it once fixed" : "; retrying at "
                    + retryAt.get()) + ": " + error);
            tx.call(() -> {
                inbox.failed(eventId, worker.id(), error, retryAt, now);
                return null;
            });
        }
    }

    private static String describe(RuntimeException failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
