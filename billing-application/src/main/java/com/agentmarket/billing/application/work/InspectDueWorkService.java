package com.agentmarket.billing.application.work;

import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.work.port.in.InspectDueWork;
import com.agentmarket.billing.application.work.port.out.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;

@ApplicationScoped
class InspectDueWorkService implements InspectDueWork {

    private final DueWork work;
    private final InTransaction tx;

    @Inject
    InspectDueWorkService(DueWork work, InTransaction tx) {
        this.work = work;
        this.tx = tx;
    }

    /** For CDI's client proxy. */
    protected InspectDueWorkService() {
        this(null, null);
    }

    @Override
    public List<WorkBacklog> backlogs() {
        return tx.call(() -> Arrays.stream(WorkKind.values()).map(work::backlog).toList());
    }
}
