package com.agentmarket.billing.adapter.out.persistence.customer;

import static com.agentmarket.billing.adapter.out.persistence.Timestamps.fromColumn;
import static com.agentmarket.billing.adapter.out.persistence.Timestamps.toColumn;

import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.util.Optional;

final class CustomerMapper {

    private CustomerMapper() {
    }

    static Customer toDomain(CustomerEntity entity) {
        return Customer.reconstitute(new CustomerId(entity.id),
                Optional.ofNullable(entity.email).map(Email::new),
                Optional.ofNullable(entity.stripeCustomerId).map(StripeCustomerId::new),
                Optional.ofNullable(entity.stripeSubscriptionId).map(StripeSubscriptionId::new),
                Optional.ofNullable(entity.suspensionReason).map(reason -> new Suspension(reason,
                        fromColumn(entity.suspendedAt),
                        Optional.ofNullable(entity.failedInvoiceId).map(invoice -> new Suspension.InvoiceRef(invoice,
                                new StripeSubscriptionId(entity.failedInvoiceSubscription),
                                fromColumn(entity.failedInvoiceCreated))),
                        Optional.ofNullable(entity.suspensionNote))),
                entity.version);
    }

    static void copy(Customer customer, CustomerEntity entity) {
        entity.email = customer.email().map(Email::value).orElse(null);
        entity.stripeCustomerId = customer.stripeCustomerId().map(StripeCustomerId::value).orElse(null);
        entity.stripeSubscriptionId = customer.stripeSubscriptionId().map(StripeSubscriptionId::value).orElse(null);
        entity.accountStatus = customer.status();
        Optional<Suspension> suspension = customer.suspension();
        entity.suspensionReason = suspension.map(Suspension::reason).orElse(null);
        entity.suspendedAt = toColumn(suspension.map(Suspension::since).orElse(null));
        entity.suspensionNote = suspension.flatMap(Suspension::note).orElse(null);
        Optional<Suspension.InvoiceRef> failed = suspension.flatMap(Suspension::failedInvoice);
        entity.failedInvoiceId = failed.map(Suspension.InvoiceRef::invoiceId).orElse(null);
        entity.failedInvoiceSubscription = failed.map(ref -> ref.subscription().value()).orElse(null);
        entity.failedInvoiceCreated = toColumn(failed.map(Suspension.InvoiceRef::created).orElse(null));
    }
}
