package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.webhook.InboxEvent;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import com.agentmarket.billing.application.work.WorkKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link WebhookInbox} in a map; its events are due work in an {@link InMemoryDueWork}, as the real table is. */
public class InMemoryWebhookInbox implements WebhookInbox {

    private record Stored(VerifiedEvent event, Instant receivedAt) {
    }

    private final Map<String, Stored> events = new LinkedHashMap<>();
    private final InMemoryDueWork work;

    public InMemoryWebhookInbox() {
        this(new InMemoryDueWork());
    }

    public InMemoryWebhookInbox(InMemoryDueWork work) {
        this.work = work;
    }

    /** Where the inbox's events are claimed, completed and retried. */
    public InMemoryDueWork work() {
        return work;
    }

    @Override
    public synchronized boolean store(VerifiedEvent event, String payload, Optional<String> ignored, Instant now) {
        if (events.containsKey(event.id())) {
            return false;
        }
        events.put(event.id(), new Stored(event, now));
        if (ignored.isPresent()) {
            work.queueDone(WorkKind.WEBHOOK_EVENT, event.id(), event.created(), ignored.get(), now);
        } else {
            work.queue(WorkKind.WEBHOOK_EVENT, event.id(), event.created(), Optional.empty(), now);
        }
        return true;
    }

    private InboxEvent toInboxEvent(Stored stored) {
        InMemoryDueWork.Item item = work.item(WorkKind.WEBHOOK_EVENT, stored.event().id()).orElseThrow();
        InboxEvent.Status status = switch (item.status()) {
            case WAITING -> InboxEvent.Status.RECEIVED;
            case RETRYING -> InboxEvent.Status.RETRYING;
            case DONE -> InboxEvent.Status.PROCESSED;
            case DEAD -> InboxEvent.Status.DEAD;
        };
        return new InboxEvent(stored.event(), status, item.attempts(), item.note(), item.nextAttemptAt(),
                stored.receivedAt(), item.doneAt());
    }

    @Override
    public synchronized Optional<InboxEvent> find(String eventId) {
        return Optional.ofNullable(events.get(eventId)).map(this::toInboxEvent);
    }

    @Override
    public synchronized List<InboxEvent> recentFor(java.util.Set<String> objectIds, int max) {
        return events.values().stream().map(this::toInboxEvent)
                .filter(e -> e.event().objectId().map(objectIds::contains).orElse(false)).limit(max).toList();
    }

    @Override
    public synchronized Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size) {
        List<InboxEvent> matching = events.values().stream().map(this::toInboxEvent)
                .filter(e -> status.map(s -> s == e.status()).orElse(true)).toList();
        return new Page<>(matching.stream().skip((long) page * size).limit(size).toList(), page, size, matching.size());
    }
}
