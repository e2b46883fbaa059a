package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.work.WorkBacklog;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.port.out.DueWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link DueWork} in maps, with the SQL adapter's rules: due and unclaimed (or lease run out) items are claimed
 * oldest first, one per group at a time; only the claiming worker completes or fails an item. The in-memory fakes of
 * the kinds' own ports queue their items here, as the real tables hold both.
 */
public class InMemoryDueWork implements DueWork {

    public enum Status { WAITING, RETRYING, DONE, DEAD }

    /** One item's state. */
    public static final class Item {
        final Comparable<?> order;
        final Optional<String> group;
        final Instant queuedAt;
        Status status = Status.WAITING;
        int attempts;
        Optional<String> note = Optional.empty();
        Optional<Instant> nextAttemptAt;
        Optional<Instant> doneAt = Optional.empty();
        Optional<String> claimedBy = Optional.empty();
        Optional<Instant> claimedUntil = Optional.empty();

        Item(Comparable<?> order, Optional<String> group, Instant queuedAt) {
            this.order = order;
            this.group = group;
            this.queuedAt = queuedAt;
            this.nextAttemptAt = Optional.of(queuedAt);
        }

        public Status status() {
            return status;
        }

        public int attempts() {
            return attempts;
        }

        public Optional<String> note() {
            return note;
        }

        public Optional<Instant> nextAttemptAt() {
            return nextAttemptAt;
        }

        public Optional<Instant> doneAt() {
            return doneAt;
        }
    }

    private final Map<WorkKind, Map<String, Item>> items = new LinkedHashMap<>();

    private Map<String, Item> of(WorkKind kind) {
        return items.computeIfAbsent(kind, k -> new LinkedHashMap<>());
    }

    /** Queues an item unless one with its key is queued; false then. */
    public synchronized boolean queue(WorkKind kind, String key, Comparable<?> order, Optional<String> group, Instant now) {
        return of(kind).putIfAbsent(key, new Item(order, group, now)) == null;
    }

    /** Queues an item that is done already (an event stored as ignored). */
    public synchronized boolean queueDone(WorkKind kind, String key, Comparable<?> order, String note, Instant now) {
        Item item = new Item(order, Optional.empty(), now);
        item.status = Status.DONE;
        item.note = Optional.of(note);
        item.nextAttemptAt = Optional.empty();
        item.doneAt = Optional.of(now);
        return of(kind).putIfAbsent(key, item) == null;
    }

    public synchronized Optional<Item> item(WorkKind kind, String key) {
        return Optional.ofNullable(of(kind).get(key));
    }

    private static boolean open(Item item) {
        return item.status == Status.WAITING || item.status == Status.RETRYING;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized List<Claim> claim(WorkKind kind, int max, Instant now, Duration lease, String worker) {
        Set<String> groupsInFlight = new HashSet<>();
        of(kind).values().stream().filter(item -> item.claimedUntil.map(until -> !until.isBefore(now)).orElse(false))
                .forEach(item -> item.group.ifPresent(groupsInFlight::add));
        List<Map.Entry<String, Item>> due = of(kind).entrySet().stream()
                .filter(entry -> open(entry.getValue()))
                .filter(entry -> entry.getValue().nextAttemptAt.map(at -> !at.isAfter(now)).orElse(false))
                .filter(entry -> entry.getValue().claimedUntil.map(until -> until.isBefore(now)).orElse(true))
                .sorted(Comparator.comparing(entry -> (Comparable) entry.getValue().order))
                .toList();
        List<Claim> claimed = new ArrayList<>();
        for (Map.Entry<String, Item> entry : due) {
            Item item = entry.getValue();
            if (claimed.size() == max || item.group.isPresent() && !groupsInFlight.add(item.group.get())) {
                continue;
            }
            item.attempts++;
            item.claimedBy = Optional.of(worker);
            item.claimedUntil = Optional.of(now.plus(lease));
            claimed.add(new Claim(entry.getKey(), item.attempts));
        }
        return claimed;
    }

    @Override
    public synchronized boolean complete(WorkKind kind, String key, String worker, Optional<String> note, Instant now) {
        Item item = of(kind).get(key);
        if (!item.claimedBy.equals(Optional.of(worker))) {
            return false;
        }
        item.status = Status.DONE;
        item.note = note;
        item.doneAt = Optional.of(now);
        item.nextAttemptAt = Optional.empty();
        item.claimedBy = Optional.empty();
        item.claimedUntil = Optional.empty();
        return true;
    }

    @Override
    public synchronized void fail(WorkKind kind, String key, String worker, String error, Optional<Instant> retryAt,
            Instant now) {
        Item item = of(kind).get(key);
        if (!item.claimedBy.equals(Optional.of(worker))) {
            return;
        }
        item.status = retryAt.isPresent() ? Status.RETRYING : Status.DEAD;
        item.note = Optional.of(error);
        item.nextAttemptAt = retryAt;
        item.claimedBy = Optional.empty();
        item.claimedUntil = Optional.empty();
    }

    @Override
    public synchronized boolean replay(WorkKind kind, String key, Instant now) {
        Item item = of(kind).get(key);
        if (item == null) {
            return false;
        }
        item.status = Status.WAITING;
        item.attempts = 0;
        item.note = Optional.empty();
        item.nextAttemptAt = Optional.of(now);
        item.doneAt = Optional.empty();
        item.claimedBy = Optional.empty();
        item.claimedUntil = Optional.empty();
        return true;
    }

    @Override
    public synchronized int makeDue(WorkKind kind, Instant now) {
        List<Item> open = of(kind).values().stream().filter(InMemoryDueWork::open).toList();
        open.forEach(item -> item.nextAttemptAt = Optional.of(now));
        return open.size();
    }

    @Override
    public synchronized WorkBacklog backlog(WorkKind kind) {
        long waiting = of(kind).values().stream().filter(item -> open(item) && item.note.isEmpty()).count();
        long retrying = of(kind).values().stream().filter(item -> open(item) && item.note.isPresent()).count();
        long dead = of(kind).values().stream().filter(item -> item.status == Status.DEAD).count();
        Optional<Instant> oldest = of(kind).values().stream().filter(InMemoryDueWork::open).map(item -> item.queuedAt)
                .min(Comparator.naturalOrder());
        return new WorkBacklog(kind, waiting, retrying, dead, oldest);
    }
}
