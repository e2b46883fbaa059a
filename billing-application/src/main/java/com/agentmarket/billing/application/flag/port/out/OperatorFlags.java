package com.agentmarket.billing.application.flag.port.out;

import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The flags raised for operators (see {@link OperatorFlag}). Used inside the caller's transaction. */
public interface OperatorFlags {

    /**
     * Stores the flag, or opens again the one of the same kind and subject if it was resolved (with the new detail);
     * an open one stays as it is. Returns whether the flag is newly open.
     */
    boolean raise(OperatorFlag flag);

    /** Newest first; those in the state, or all. */
    Page<OperatorFlag> list(Optional<OperatorFlag.State> state, int page, int size);

    List<OperatorFlag> ofCustomer(CustomerId customer);

    /** Marks the flag resolved; empty when there is no such flag. A resolved flag stays as it was resolved. */
    Optional<OperatorFlag> resolve(long id, String operator, Instant at);

    long countOpen();
}
