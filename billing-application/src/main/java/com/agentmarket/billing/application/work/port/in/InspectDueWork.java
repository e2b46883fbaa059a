package com.agentmarket.billing.application.work.port.in;

import com.agentmarket.billing.application.work.WorkBacklog;
import java.util.List;

/** Every kind of background work in one view, for operators and metrics. */
public interface InspectDueWork {

    /** One backlog per kind, in {@link com.agentmarket.billing.application.work.WorkKind} order. */
    List<WorkBacklog> backlogs();
}
