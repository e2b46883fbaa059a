package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.ClientKey;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.usage.port.in.RecordExecution;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.Quota;
import com.agentmarket.billing.domain.subscription.Entitlement;
import com.agentmarket.billing.domain.usage.ExecutionId;
import com.agentmarket.billing.domain.usage.QuotaPolicy;
import com.agentmarket.billing.domain.usage.UsagePeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * The entitlement and the quota terms come from the domain's rules, given to the ledger as a {@code TermsRule}: the
 * ledger reads the facts and applies the terms in one atomic step (for many concurrent executions at once), so that 50
 * parallel requests with 3 executions left admit exactly 3.
 */
@ApplicationScoped
class RecordExecutionService implements RecordExecution {

    private final ExecutionLedger ledger;
    private final PlanCatalog catalog;
    private final QuotaPolicy quotaPolicy;
    private final Clock clock;
    private final UsageAlerts alerts;

    @Inject
    RecordExecutionService(ExecutionLedger ledger, PlanCatalog catalog, QuotaPolicy quotaPolicy, Clock clock,
            UsageAlerts alerts) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.quotaPolicy = quotaPolicy;
        this.clock = clock;
        this.alerts = alerts;
    }

    /** For CDI's client proxy. */
    protected RecordExecutionService() {
        this(null, null, null, null, null);
    }

    @Override
    public ExecutionResult record(CustomerId customer, ExecutionId execution, Optional<ClientKey> clientKey,
            Optional<Email> email) {
        Instant now = clock.now();
        ExecutionLedger.TermsRule terms = facts -> quotaPolicy.terms(facts
                .map(known -> Entitlement.of(customer, known.suspended(), known.subscription(), catalog, now))
                .orElseGet(() -> Entitlement.ofNewcomer(catalog, now)));
        ExecutionLedger.Recorded recorded;
        try {
            recorded = ledger.record(new ExecutionLedger.ExecutionToRecord(customer, execution, terms, now,
                    clientKey.map(ClientKey::scoped)));
        } catch (ExecutionLedger.RequestKeyReused reused) {
            throw new BillingRejection(BillingRejection.Reason.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different execution.");
        }
        Quota answeredQuota = recorded.limit().isPresent() ? Quota.of(recorded.limit().getAsLong()) : Quota.unlimited();
        ExecutionResult result = new ExecutionResult(execution, recorded.refusal(),
                new UsagePeriod(recorded.period(), answeredQuota, recorded.usedAfter()));
        if (result.admitted()) {
            alerts.afterCounted(customer, email, result.usage());
        }
        return result;
    }
}
