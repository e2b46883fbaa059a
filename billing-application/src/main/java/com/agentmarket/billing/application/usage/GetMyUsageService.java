package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.subscription.CurrentSubscriptions;
import com.agentmarket.billing.application.usage.port.in.GetMyUsage;
import com.agentmarket.billing.application.usage.port.in.UsageView;
import com.agentmarket.billing.application.usage.port.out.UsageLedger;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.Entitlement;
import com.agentmarket.billing.domain.usage.UsagePeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
class GetMyUsageService implements GetMyUsage {

    private final CurrentSubscriptions current;
    private final UsageLedger ledger;
    private final Clock clock;

    @Inject
    GetMyUsageService(CurrentSubscriptions current, UsageLedger ledger, Clock clock) {
        this.current = current;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected GetMyUsageService() {
        this(null, null, null);
    }

    @Override
    @Transactional
    public UsageView myUsage(CustomerId caller) {
        Entitlement entitlement = current.entitlementOf(caller, clock.now());
        long used = ledger.usedIn(caller, entitlement.period());
        return new UsageView(entitlement.plan().id(), new UsagePeriod(entitlement.period(), entitlement.plan().quota(), used));
    }
}
