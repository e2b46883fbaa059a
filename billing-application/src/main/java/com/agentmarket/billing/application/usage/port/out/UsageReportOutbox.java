package com.agentmarket.billing.application.usage.port.out;

import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.usage.UnreportedUsage;
import com.agentmarket.billing.application.usage.UsageBacklog;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Usage waiting to be reported to Stripe. Recorded executions are durable first; reports are formed from them in
 * the database (the report's identifier fixed there), then sent, then marked, so the row state is the guarantee:
 * nothing is lost, and a report is never sent under two identifiers.
 */
public interface UsageReportOutbox {

    /**
     * Groups the waiting executions recorded before {@code until} into one report per customer, for up to
     * {@code maxCustomers} customers (those waiting longest first); safe with several servers at once.
     *
     * @return how many executions were grouped
     */
    int formReports(int maxCustomers, Instant until, Instant now);

    /**
     * Queues usage recorded through the API, with the digest of the request that asked for it; false if a report with
     * this identifier exists already.
     */
    boolean enqueue(UsageReport report, String request, Instant now);

    /** The usage recorded through the API under this identifier, with the digest of its request. */
    Optional<RecordedUsageReport> recorded(String identifier);

    record RecordedUsageReport(UsageReport report, String request) {
    }

    /** The reports with these identifiers (those that exist). */
    List<UsageReport> find(Collection<String> identifiers);

    UsageBacklog backlog();

    /** Customers with usage not yet accepted by Stripe, oldest first. */
    Page<UnreportedUsage> unreported(int page, int size);
}
