package com.agentmarket.billing.domain.usage;

import java.util.Objects;

/** The answer to "may this agent execution run?", with the usage figures the caller sees either way. */
public sealed interface ExecutionDecision {

    UsagePeriod usage();

    /** The execution runs and counts; {@code usage} includes it; {@code beyondQuota}: it is billed as overage. */
    record Admitted(UsagePeriod usage, boolean beyondQuota) implements ExecutionDecision {
        public Admitted {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** The execution must not run; {@code usage} is unchanged. */
    record Refused(Reason reason, UsagePeriod usage) implements ExecutionDecision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(usage, "usage");
        }
    }

    enum Reason {
        QUOTA_EXCEEDED,
        ACCOUNT_SUSPENDED
    }
}
