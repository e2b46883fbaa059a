package com.agentmarket.billing.application.usage.port.in;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.usage.UnreportedUsage;
import com.agentmarket.billing.application.usage.UsageBacklog;
import com.agentmarket.billing.application.usage.port.out.UsageReportOutbox;

/** Usage not yet accepted by Stripe, for operators and metrics. */
public interface InspectUsageBacklog {

    UsageBacklog backlog();

    Page<UnreportedUsage> unreported(int page, int size);
}
