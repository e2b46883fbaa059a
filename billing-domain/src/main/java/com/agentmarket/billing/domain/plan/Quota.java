package com.agentmarket.billing.domain.plan;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.util.OptionalLong;

/** How many agent executions a plan includes per billing period. */
public sealed interface Quota {

    static Quota of(long executions) {
        return new Limited(executions);
    }

    static Quota unlimited() {
        return new Unlimited();
    }

    /** The number of executions included, empty when there is no limit. */
    OptionalLong limit();

    /** A fixed number of executions per period. */
    record Limited(long executions) implements Quota {
        public Limited {
            DomainViolation.require(executions >= 0, "a quota must not be negative");
        }

        @Override
        public OptionalLong limit() {
            return OptionalLong.of(executions);
        }
    }

    /** No limit at all (Enterprise). */
    record Unlimited() implements Quota {
        @Override
        public OptionalLong limit() {
            return OptionalLong.empty();
        }
    }
}
