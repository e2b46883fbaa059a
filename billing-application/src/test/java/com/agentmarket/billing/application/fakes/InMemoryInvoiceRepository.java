package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.payment.port.out.InvoiceRepository;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.RecordedInvoice;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;


public class InMemoryInvoiceRepository implements InvoiceRepository {

    private final Map<String, RecordedInvoice> invoices = new ConcurrentHashMap<>();
    private final Map<String, CustomerId> owners = new ConcurrentHashMap<>();

    @Override
    public void record(CustomerId owner, InvoiceSnapshot invoice, Instant observedAt, Optional<RecordedInvoice> replacing) {
        long version = replacing.map(RecordedInvoice::version).orElse(0L);
        if (find(invoice.id()).map(RecordedInvoice::version).orElse(0L) != version) {
            throw new ConcurrentUpdateException("invoice " + invoice.id() + " was recorded by another writer", null);
        }
        invoices.put(invoice.id(), new RecordedInvoice(invoice.id(), invoice.subscription(), invoice.status(),
                invoice.created(), observedAt, version + 1));
        owners.put(invoice.id(), owner);
    }

    @Override
    public Optional<RecordedInvoice> find(String id) {
        return Optional.ofNullable(invoices.get(id));
    }

    @Override
    public List<RecordedInvoice> ofCustomer(CustomerId owner) {
        return owners.entrySet().stream().filter(entry -> entry.getValue().equals(owner)).map(entry -> invoices.get(entry.getKey()))
                .sorted(Comparator.comparing(RecordedInvoice::created).reversed()).toList();
    }
}
