package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.application.shared.port.out.BillingActionLog;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BillingActionLog} in a map, with the real one's uniqueness of (customer, kind, client key). */
public class InMemoryBillingActionLog implements BillingActionLog {

    private final Map<String, BillingAction> byKey = new ConcurrentHashMap<>();

    @Override
    public synchronized BillingAction begin(BillingAction proposed) {
        if (proposed.clientKey().isPresent()) {
            Optional<BillingAction> existing = byKey.values().stream()
                    .filter(a -> a.customer().equals(proposed.customer()) && a.kind() == proposed.kind()
                            && a.clientKey().equals(proposed.clientKey()))
                    .findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        byKey.put(proposed.idempotencyKey(), proposed);
        return proposed;
    }

    @Override
    public Optional<BillingAction> latest(CustomerId customer, BillingAction.Kind kind, String fingerprint, Instant since) {
        return byKey.values().stream()
                .filter(a -> a.customer().equals(customer) && a.kind() == kind && a.fingerprint().equals(fingerprint)
                        && !a.createdAt().isBefore(since))
                .max(Comparator.comparing(BillingAction::createdAt));
    }

    @Override
    public synchronized void succeeded(String idempotencyKey, Optional<String> resultReference, Optional<String> resultUrl,
            Instant at) {
        BillingAction a = byKey.get(idempotencyKey);
        byKey.put(idempotencyKey, new BillingAction(a.idempotencyKey(), a.customer(), a.kind(), a.clientKey(),
                a.fingerprint(), BillingAction.State.SUCCEEDED, resultReference, resultUrl, a.createdAt(), a.closure()));
    }

    @Override
    public synchronized void failed(String idempotencyKey, String reason, Instant at) {
        BillingAction a = byKey.get(idempotencyKey);
        byKey.put(idempotencyKey, new BillingAction(a.idempotencyKey(), a.customer(), a.kind(), a.clientKey(),
                a.fingerprint(), BillingAction.State.FAILED, Optional.empty(), Optional.empty(), a.createdAt(), a.closure()));
    }

    @Override
    public Optional<BillingAction> find(CustomerId customer, BillingAction.Kind kind, String clientKey) {
        return byKey.values().stream().filter(a -> a.customer().equals(customer) && a.kind() == kind
                && a.clientKey().equals(Optional.of(clientKey))).findFirst();
    }

    @Override
    public List<BillingAction> openCheckouts(CustomerId customer, Instant since) {
        return byKey.values().stream().filter(a -> a.customer().equals(customer) && a.kind() == BillingAction.Kind.CHECKOUT
                && a.succeeded() && a.closure().isEmpty() && a.resultReference().isPresent() && !a.createdAt().isBefore(since))
                .sorted(Comparator.comparing(BillingAction::createdAt)).toList();
    }

    @Override
    public synchronized void closeCheckout(String idempotencyKey, BillingAction.Closure closure, Instant at) {
        BillingAction a = byKey.get(idempotencyKey);
        byKey.put(idempotencyKey, new BillingAction(a.idempotencyKey(), a.customer(), a.kind(), a.clientKey(),
                a.fingerprint(), a.state(), a.resultReference(), a.resultUrl(), a.createdAt(), Optional.of(closure)));
    }

    @Override
    public Optional<BillingAction> findCheckout(CustomerId customer, String sessionId) {
        return byKey.values().stream().filter(a -> a.customer().equals(customer) && a.kind() == BillingAction.Kind.CHECKOUT
                && a.resultReference().equals(Optional.of(sessionId))).findFirst();
    }

    public List<BillingAction> all() {
        return List.copyOf(byKey.values());
    }

    public List<BillingAction> of(BillingAction.Kind kind) {
        return byKey.values().stream().filter(a -> a.kind() == kind).toList();
    }
}
