package com.agentmarket.billing.adapter.out.persistence.customer;

import com.agentmarket.billing.application.customer.port.out.CustomerRepository;
import jakarta.persistence.EntityManager;

/** Test access to the package-private adapter. */
public final class CustomerRepositories {

    private CustomerRepositories() {
    }

    public static CustomerRepository on(EntityManager em) {
        return new JpaCustomerRepository(em);
    }
}
