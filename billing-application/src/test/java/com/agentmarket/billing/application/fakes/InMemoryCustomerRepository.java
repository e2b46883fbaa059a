package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CustomerRepository} in a map, with the same optimistic locking as the real one. */
public class InMemoryCustomerRepository implements CustomerRepository {

    private final Map<CustomerId, Customer> stored = new ConcurrentHashMap<>();

    @Override
    public Optional<Customer> find(CustomerId id) {
        return Optional.ofNullable(stored.get(id));
    }

    @Override
    public Optional<Customer> findByStripeCustomerId(StripeCustomerId stripeCustomerId) {
        return stored.values().stream().filter(c -> c.stripeCustomerId().equals(Optional.of(stripeCustomerId))).findFirst();
    }

    @Override
    public com.agentmarket.billing.application.shared.Page<Customer> search(String query, int page, int size) {
        java.util.List<Customer> matching = stored.values().stream()
                .filter(c -> query.isBlank() || c.id().value().equals(query)
                        || c.stripeCustomerId().map(s -> s.value().equals(query)).orElse(false)
                        || c.email().map(e -> e.value().toLowerCase(java.util.Locale.ROOT).contains(query.toLowerCase(java.util.Locale.ROOT))).orElse(false))
                .sorted(java.util.Comparator.comparing(c -> c.id().value())).toList();
        return new com.agentmarket.billing.application.shared.Page<>(
                matching.stream().skip((long) page * size).limit(size).toList(), page, size, matching.size());
    }

    @Override
    public synchronized Customer save(Customer customer) {
        Customer previous = stored.get(customer.id());
        long expected = previous == null ? 0 : previous.version();
        if (customer.version() != expected || (previous == null && customer.version() != 0)) {
            throw new ConcurrentUpdateException("customer " + customer.id() + " changed since it was read", null);
        }
        Customer saved = Customer.reconstitute(customer.id(), customer.email(), customer.stripeCustomerId(),
                customer.stripeSubscriptionId(), customer.suspension(), previous == null ? 1 : expected + 1);
        stored.put(customer.id(), saved);
        return saved;
    }
}
