package com.agentmarket.billing.application.payment;

import com.agentmarket.billing.application.payment.port.out.InvoiceRepository;
import com.agentmarket.billing.application.payment.port.out.RecordedInvoice;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.port.out.SubscriptionRepository;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a customer's invoices say about a payment suspension, from what we recorded: whether an invoice is still owed
 * on a subscription that is live, and the latest one paid. Used inside the caller's transaction, after the invoices
 * and subscriptions it learnt of are stored.
 */
@ApplicationScoped
public class PaymentStanding {

    private final InvoiceRepository invoices;
    private final SubscriptionRepository subscriptions;
    private final Clock clock;

    @Inject
    public PaymentStanding(InvoiceRepository invoices, SubscriptionRepository subscriptions, Clock clock) {
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected PaymentStanding() {
        this(null, null, null);
    }

    /** The customer, with a payment suspension lifted when no invoice is owed any more on a live subscription. */
    public Customer reviewed(Customer customer) {
        if (!customer.isSuspended()) {
            return customer;
        }
        Instant now = clock.now();
        Set<StripeSubscriptionId> live = subscriptions.ofCustomer(customer.id()).stream()
                .filter(subscription -> subscription.isLiveAt(now)).map(Subscription::id).collect(Collectors.toSet());
        boolean owed = invoices.ofCustomer(customer.id()).stream()
                .anyMatch(invoice -> invoice.isOwed() && invoice.subscription().filter(live::contains).isPresent());
        return owed ? customer : customer.noInvoiceLeftUnpaid();
    }

    /** The customer's latest paid invoice of a subscription that we know of. */
    public Optional<Suspension.InvoiceRef> latestPaid(Customer customer) {
        return invoices.ofCustomer(customer.id()).stream()
                .filter(RecordedInvoice::isPaid)
                .filter(invoice -> invoice.subscription().isPresent())
                .max(Comparator.comparing(RecordedInvoice::created))
                .map(invoice -> new Suspension.InvoiceRef(invoice.id(), invoice.subscription().get(), invoice.created()));
    }
}
