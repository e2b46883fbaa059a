package com.agentmarket.billing.adapter.out.persistence.invoice;

import com.agentmarket.billing.application.payment.port.out.InvoiceRepository;
import jakarta.persistence.EntityManager;

/** Test access to the package-private adapter. */
public final class InvoiceRepositories {

    private InvoiceRepositories() {
    }

    public static InvoiceRepository on(EntityManager em) {
        return new JpaInvoiceRepository(em);
    }
}
