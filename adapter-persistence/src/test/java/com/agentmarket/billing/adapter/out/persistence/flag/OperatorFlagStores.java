package com.agentmarket.billing.adapter.out.persistence.flag;

import com.agentmarket.billing.application.flag.port.out.OperatorFlags;
import jakarta.persistence.EntityManager;

/** Test access to the package-private adapter. */
public final class OperatorFlagStores {

    private OperatorFlagStores() {
    }

    public static OperatorFlags on(EntityManager em) {
        return new JpaOperatorFlags(em);
    }
}
