package com.agentmarket.billing.application.flag.port.in;

import com.agentmarket.billing.application.flag.OperatorFlag;
import com.agentmarket.billing.application.shared.Page;
import java.util.Optional;

/** Operators review what the service flagged for them, and mark what they dealt with. */
public interface ReviewFlags {

    /** Newest first; those in the state, or all. */
    Page<OperatorFlag> list(Optional<OperatorFlag.State> state, int page, int size);

    /** Resolves the flag (audited); a flag that is already resolved stays as it was. Not found: a rejection. */
    OperatorFlag resolve(String operator, long id);

    long countOpen();
}
