package com.agentmarket.billing.adapter.out.persistence.customer;

import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
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
                entity.accountStatus, entity.version);
    }

    static void copy(Customer customer, CustomerEntity entity) {
        entity.email = customer.email().map(Email::value).orElse(null);
        entity.stripeCustomerId = customer.stripeCustomerId().map(StripeCustomerId::value).orElse(null);
        entity.stripeSubscriptionId = customer.stripeSubscriptionId().map(StripeSubscriptionId::value).orElse(null);
        entity.accountStatus = customer.status();
    }
}
