package com.agentmarket.billing.application.flag;

import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.flag.port.out.OperatorFlags;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.domain.customer.CustomerId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/** Raises a flag for operators: stored, and logged as {@code BILLING FLAG} the first time (an alerting hook). */
@ApplicationScoped
public class Flags {

    private static final Logger LOG = Logger.getLogger(Flags.class.getName());

    private final OperatorFlags flags;
    private final Clock clock;

    @Inject
    public Flags(OperatorFlags flags, Clock clock) {
        this.flags = flags;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected Flags() {
        this(null, null);
    }

    /** Inside the caller's transaction. */
    public void raise(OperatorFlag.Kind kind, String subject, Optional<CustomerId> customer, String detail) {
        if (flags.raise(OperatorFlag.raised(kind, subject, customer, detail, clock.now()))) {
            LOG.warning(() -> "BILLING FLAG " + kind.code() + " " + subject
                    + customer.map(id -> " (customer " + id + ")").orElse("") + ": " + detail);
        }
    }
}
