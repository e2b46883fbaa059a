package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import com.agentmarket.billing.application.work.WorkKind;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Notifications in a map; sending them is due work in an {@link InMemoryDueWork}, as the real table is. */
public class InMemoryNotificationOutbox implements NotificationOutbox {

    private final Map<String, Notification> queued = new LinkedHashMap<>();
    private final InMemoryDueWork work;
    private long order;

    public InMemoryNotificationOutbox() {
        this(new InMemoryDueWork());
    }

    public InMemoryNotificationOutbox(InMemoryDueWork work) {
        this.work = work;
    }

    public InMemoryDueWork work() {
        return work;
    }

    @Override
    public synchronized boolean enqueue(Notification notification, Instant now) {
        if (queued.putIfAbsent(notification.key(), notification) != null) {
            return false;
        }
        return work.queue(WorkKind.NOTIFICATION, notification.key(), order++, Optional.empty(), now);
    }

    @Override
    public synchronized List<Notification> find(Collection<String> keys) {
        return keys.stream().filter(queued::containsKey).map(queued::get).toList();
    }

    public synchronized List<Notification> all() {
        return List.copyOf(queued.values());
    }

    public synchronized List<String> sentKeys() {
        return queued.keySet().stream()
                .filter(key -> work.item(WorkKind.NOTIFICATION, key).orElseThrow().status() == InMemoryDueWork.Status.DONE)
                .toList();
    }
}
