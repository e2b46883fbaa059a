package com.agentmarket.billing.application.usage;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.usage.port.in.GetMyUsage;
import com.agentmarket.billing.application.usage.port.out.UsageLedger;

/** Test access to this package's use-case services, wired to the fakes. */
public final class UsageUseCases {

    private UsageUseCases() {
    }

    public static GetMyUsage getMyUsage(TestBilling billing, UsageLedger ledger) {
        return new GetMyUsageService(billing.current, ledger, billing.clock);
    }
}
