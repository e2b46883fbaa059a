package com.agentmarket.billing.application.shared;

import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.function.Supplier;

/**
 * Short transactions for use cases that also call Stripe: record the intent, call Stripe outside any transaction,
 * record the outcome. Each call commits on its own.
 */
@ApplicationScoped
public class InTransaction {

    private static final int ATTEMPTS_ON_CONFLICT = 3;

    @Transactional(TxType.REQUIRES_NEW)
    public <T> T call(Supplier<T> work) {
        return work.get();
    }

    /**
     * Runs {@code work} in a new transaction, and again in a fresh one when a concurrent writer changed the same
     * rows first (optimistic locking), so it works on the current state. {@code self} must be this bean's proxy.
     */
    public static <T> T retryingConflicts(InTransaction self, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return self.call(work);
            } catch (ConcurrentUpdateException conflict) {
                if (attempt == ATTEMPTS_ON_CONFLICT) {
                    throw conflict;
                }
            }
        }
    }
}
