package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.webhook.port.out.InboxEvent;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookInbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link WebhookInbox} in a map, with the real one's claim and lease rules. */
public class InMemoryWebhookInbox implements WebhookInbox {

    private record Row(InboxEvent event, Optional<String> worker, Optional<Instant> claimedUntil) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized boolean store(VerifiedEvent event, String payload, Optional<String> ignored, Instant now) {
        if (rows.containsKey(event.id())) {
            return false;
        }
        InboxEvent stored = ignored.isPresent()
                ? new InboxEvent(event, InboxEvent.Status.PROCESSED, 0, ignored, Optional.empty(), now, Optional.of(now))
                : new InboxEvent(event, InboxEvent.Status.RECEIVED, 0, Optional.empty(), Optional.of(now), now, Optional.empty());
        rows.put(event.id(), new Row(stored, Optional.empty(), Optional.empty()));
        return true;
    }

    @Override
    public synchronized List<InboxEvent> claimDue(int max, Instant now, Duration lease, String worker) {
        List<Row> due = rows.values().stream()
                .filter(row -> row.event().status() == InboxEvent.Status.RECEIVED || row.event().status() == InboxEvent.Status.RETRYING)
                .filter(row -> row.event().nextAttemptAt().map(at -> !at.isAfter(now)).orElse(true))
                .filter(row -> row.claimedUntil().map(until -> until.isBefore(now)).orElse(true))
                .sorted(Comparator.comparing(row -> row.event().event().created()))
                .limit(max).toList();
        return due.stream().map(row -> {
            InboxEvent e = row.event();
            InboxEvent claimed = new InboxEvent(e.event(), e.status(), e.attempts() + 1, e.outcome(), e.nextAttemptAt(),
                    e.receivedAt(), e.processedAt());
            rows.put(e.event().id(), new Row(claimed, Optional.of(worker), Optional.of(now.plus(lease))));
            return claimed;
        }).toList();
    }

    @Override
    public synchronized void processed(String eventId, String worker, Optional<String> outcome, Instant now) {
        Row row = rows.get(eventId);
        if (!row.worker().equals(Optional.of(worker))) {
            return;
        }
        InboxEvent e = row.event();
        rows.put(eventId, new Row(new InboxEvent(e.event(), InboxEvent.Status.PROCESSED, e.attempts(), outcome,
                Optional.empty(), e.receivedAt(), Optional.of(now)), Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized void failed(String eventId, String worker, String error, Optional<Instant> retryAt, Instant now) {
        Row row = rows.get(eventId);
        if (!row.worker().equals(Optional.of(worker))) {
            return;
        }
        InboxEvent e = row.event();
        rows.put(eventId, new Row(new InboxEvent(e.event(), retryAt.isPresent() ? InboxEvent.Status.RETRYING
                : InboxEvent.Status.DEAD, e.attempts(), Optional.of(error), retryAt, e.receivedAt(), Optional.empty()),
                Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized Optional<InboxEvent> find(String eventId) {
        return Optional.ofNullable(rows.get(eventId)).map(Row::event);
    }

    @Override
    public synchronized List<InboxEvent> recentFor(java.util.Set<String> objectIds, int max) {
        return rows.values().stream().map(Row::event)
                .filter(e -> e.event().objectId().map(objectIds::contains).orElse(false)).limit(max).toList();
    }

    @Override
    public synchronized Backlog backlog() {
        java.util.function.Function<InboxEvent.Status, Long> count = status -> rows.values().stream()
                .filter(row -> row.event().status() == status).count();
        return new Backlog(count.apply(InboxEvent.Status.RECEIVED), count.apply(InboxEvent.Status.RETRYING),
                count.apply(InboxEvent.Status.DEAD), Optional.empty());
    }

    @Override
    public synchronized Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size) {
        List<InboxEvent> matching = rows.values().stream().map(Row::event)
                .filter(e -> status.map(s -> s == e.status()).orElse(true)).toList();
        return new Page<>(matching.stream().skip((long) page * size).limit(size).toList(), page, size, matching.size());
    }

    @Override
    public synchronized boolean replay(String eventId, Instant now) {
        Row row = rows.get(eventId);
        if (row == null) {
            return false;
        }
        InboxEvent e = row.event();
        rows.put(eventId, new Row(new InboxEvent(e.event(), InboxEvent.Status.RECEIVED, 0, Optional.empty(),
                Optional.of(now), e.receivedAt(), Optional.empty()), Optional.empty(), Optional.empty()));
        return true;
    }
}
