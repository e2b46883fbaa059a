package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.notification.port.out.NotificationOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public class InMemoryNotificationOutbox implements NotificationOutbox {

    private final Map<String, Notification> queued = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new LinkedHashMap<>();
    private final List<String> sent = new ArrayList<>();
    private final List<String> givenUp = new ArrayList<>();

    @Override
    public synchronized boolean enqueue(Notification notification, Instant now) {
        return queued.putIfAbsent(notification.key(), notification) == null;
    }

    @Override
    public synchronized List<Claimed> claimDue(int max, Instant now, Duration lease, String worker) {
        return queued.values().stream().filter(n -> !sent.contains(n.key()) && !givenUp.contains(n.key())).limit(max)
                .map(n -> new Claimed(n, attempts.merge(n.key(), 1, Integer::sum))).toList();
    }

    @Override
    public synchronized void sent(String key, String worker, Instant now) {
        sent.add(key);
    }

    @Override
    public synchronized void failed(String key, String worker, String error, Optional<Instant> retryAt, Instant now) {
        if (retryAt.isEmpty()) {
            givenUp.add(key);
        }
    }

    public synchronized List<Notification> all() {
        return List.copyOf(queued.values());
    }

    public synchronized List<String> sentKeys() {
        return List.copyOf(sent);
    }
}
