package com.agentmarket.billing.application.payment.port.out;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.util.Optional;

/** Our record of the customers' invoices, as Stripe last reported them. */
public interface InvoiceRepository {

    /** Stores the invoice as reported, replacing what we had. */
    void record(CustomerId owner, InvoiceSnapshot invoice);

    /** The ids of the customer's invoices we know of. */
    java.util.List<String> idsOf(CustomerId owner);

    /** The latest paid invoice of the subscription that we know of. */
    Optional<Suspension.InvoiceRef> latestPaid(StripeSubscriptionId subscription);
}
