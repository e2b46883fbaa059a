package com.agentmarket.billing.domain.plan;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.util.Arrays;
import java.util.Locale;

/** The four tiers the marketplace sells, in ascending order. */
public enum PlanId {
    FREE,
    BASIC,
    PRO,
    ENTERPRISE;

    /** The id used in the API and in configuration: {@code free}, {@code basic}, {@code pro}, {@code enterprise}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isPaid() {
        return this != FREE;
    }

    public static PlanId fromCode(String code) {
        return Arrays.stream(values())
                .filter(plan -> plan.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new DomainViolation("unknown plan: " + code));
    }
}
