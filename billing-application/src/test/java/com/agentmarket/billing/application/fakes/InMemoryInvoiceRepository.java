package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.payment.port.out.InvoiceRepository;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public class InMemoryInvoiceRepository implements InvoiceRepository {

    private final Map<String, InvoiceSnapshot> invoices = new ConcurrentHashMap<>();
    private final Map<String, CustomerId> owners = new ConcurrentHashMap<>();

    @Override
    public void record(CustomerId owner, InvoiceSnapshot invoice) {
        invoices.put(invoice.id(), invoice);
        owners.put(invoice.id(), owner);
    }

    @Override
    public java.util.List<String> idsOf(CustomerId owner) {
        return owners.entrySet().stream().filter(entry -> entry.getValue().equals(owner)).map(Map.Entry::getKey).toList();
    }

    @Override
    public Optional<Suspension.InvoiceRef> latestPaid(StripeSubscriptionId subscription) {
        return invoices.values().stream().filter(InvoiceSnapshot::isPaid)
                .filter(i -> i.subscription().equals(Optional.of(subscription)))
                .max(Comparator.comparing(InvoiceSnapshot::created)).flatMap(InvoiceSnapshot::ref);
    }

    public Optional<InvoiceSnapshot> find(String id) {
        return Optional.ofNullable(invoices.get(id));
    }
}
