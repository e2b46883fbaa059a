package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Our record of the customers' invoices, as Stripe last reported them. Used inside the caller's transaction. */
public interface InvoiceRepository {

    /**
     * Stores the invoice as reported (asked for at {@code observedAt}) in place of {@code replacing}, the record the
     * caller weighed the report against (empty: none).
     *
     * @throws com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException when another writer
     *         stored the invoice since: the caller's transaction is retried and weighs the report again
     */
    void record(CustomerId owner, InvoiceSnapshot invoice, Instant observedAt, Optional<RecordedInvoice> replacing);

    Optional<RecordedInvoice> find(String invoiceId);

    /** Every invoice of the customer we know of, newest first. */
    List<RecordedInvoice> ofCustomer(CustomerId owner);
}
