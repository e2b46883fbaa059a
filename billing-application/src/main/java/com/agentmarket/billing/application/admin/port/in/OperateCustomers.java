package com.agentmarket.billing.application.admin.port.in;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;

/** Operators' work on customers; every change is audited with the operator's id. */
public interface OperateCustomers {

    /** Customers whose id or Stripe customer id is {@code query}, or whose e-mail contains it; all when blank. */
    Page<Customer> find(String query, int page, int size);

    /** @throws com.agentmarket.billing.application.shared.BillingRejection NOT_FOUND for an unknown id */
    CustomerDetail inspect(CustomerId customer);

    Customer suspend(String operator, CustomerId customer, String reason);

    Customer reinstate(String operator, CustomerId customer);
}
