package com.agentmarket.billing.application.admin.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Who changed what, and when, through the admin API. Written in the same transaction as the change. */
public interface AuditTrail {

    void record(Entry entry);

    /**
     * @param actor the operator (their token's subject)
     * @param action what was done, e.g. {@code customer.suspend}
     * @param target what it was done to, e.g. a customer or event id
     */
    record Entry(Instant at, String actor, String action, String target, Optional<String> detail) {

        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
