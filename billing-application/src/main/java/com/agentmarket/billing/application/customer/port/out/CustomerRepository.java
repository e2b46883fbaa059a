package com.agentmarket.billing.application.customer.port.out;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import java.util.Optional;

/** Stored customers. */
public interface CustomerRepository {

    Optional<Customer> find(CustomerId id);

    Optional<Customer> findByStripeCustomerId(StripeCustomerId stripeCustomerId);

    /** Customers whose id or Stripe customer id is {@code query}, or whose e-mail contains it (any case); all when blank. */
    Page<Customer> search(String query, int page, int size);

    /**
     * Stores a new customer or a change to a stored one. A change made from a stale copy (another writer saved in
     * between) fails with {@link ConcurrentUpdateException} instead of overwriting it.
     *
     * @return the customer as stored, with its new version
     */
    Customer save(Customer customer);
}
