package com.agentmarket.billing.application.flag;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.flag.port.in.ReviewFlags;
import com.agentmarket.billing.application.flag.port.out.OperatorFlags;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.shared.port.out.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

@ApplicationScoped
class ReviewFlagsService implements ReviewFlags {

    private final OperatorFlags flags;
    private final AuditTrail audit;
    private final InTransaction tx;
    private final Clock clock;

    @Inject
    ReviewFlagsService(OperatorFlags flags, AuditTrail audit, InTransaction tx, Clock clock) {
        this.flags = flags;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected ReviewFlagsService() {
        this(null, null, null, null);
    }

    @Override
    public Page<OperatorFlag> list(Optional<OperatorFlag.State> state, int page, int size) {
        return tx.call(() -> flags.list(state, page, size));
    }

    @Override
    public OperatorFlag resolve(String operator, long id) {
        return tx.call(() -> {
            OperatorFlag resolved = flags.resolve(id, operator, clock.now()).orElseThrow(() ->
                    new BillingRejection(BillingRejection.Reason.NOT_FOUND, "No flag " + id + "."));
            audit.record(new AuditTrail.Entry(clock.now(), operator, "flag.resolve", String.valueOf(id),
                    Optional.of(resolved.kind().code() + " " + resolved.subject())));
            return resolved;
        });
    }

    @Override
    public long countOpen() {
        return tx.call(flags::countOpen);
    }
}
