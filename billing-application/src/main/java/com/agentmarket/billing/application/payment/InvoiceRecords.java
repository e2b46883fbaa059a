package com.agentmarket.billing.application.payment;

import com.agentmarket.billing.application.payment.port.out.InvoiceRepository;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.RecordedInvoice;
import com.agentmarket.billing.domain.customer.CustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * Records invoices as Stripe reports them, never letting an older answer win. Paid and void are final at Stripe: a
 * report of either wins whenever it was asked for, and the invoice never goes back from it. Between two other states,
 * the report asked for later wins. Concurrent recorders of one invoice are serialised by the version of our
 * record: a report replaces only the record it was weighed against, and the loser's transaction is retried and weighs
 * its report against what the winner stored.
 */
@ApplicationScoped
public class InvoiceRecords {

    private final InvoiceRepository invoices;

    @Inject
    public InvoiceRecords(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    /** For CDI's client proxy. */
    protected InvoiceRecords() {
        this(null);
    }

    /** Inside the caller's transaction: stores the report unless it is stale; answers whether the invoice is paid. */
    public boolean record(CustomerId owner, InvoiceSnapshot invoice, Instant observedAt) {
        Optional<RecordedInvoice> stored = invoices.find(invoice.id());
        boolean stale = stored.filter(known -> known.isFinal() ? !invoice.isFinal() || known.observedAt().isAfter(observedAt)
                : !invoice.isFinal() && known.observedAt().isAfter(observedAt)).isPresent();
        if (stale) {
            return stored.get().isPaid();
        }
        invoices.record(owner, invoice, observedAt, stored);
        return invoice.isPaid();
    }
}
