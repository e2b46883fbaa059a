package com.agentmarket.billing.application.payment.port.in;

import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.util.List;

/** The caller's invoices in Stripe, newest first; none before the first checkout. */
public interface ListInvoices {

    int MAX_LIMIT = 100;

    /** @param limit 1 to {@value #MAX_LIMIT} */
    List<InvoiceSummary> invoices(CustomerId caller, int limit);
}
