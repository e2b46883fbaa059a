package com.agentmarket.billing.domain.usage;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a customer is told about their usage: as it first reaches each of {@code percents} of the plan's quota in a
 * period. Usage only ever grows by one admitted execution at a time, so exactly one execution per period brings it to
 * a threshold: the one whose count equals it. Unlimited plans are never told.
 */
public record UsageAlertPolicy(List<Integer> percents) {

    public UsageAlertPolicy {
        percents = List.copyOf(percents);
        DomainViolation.require(percents.stream().allMatch(percent -> percent >= 1 && percent <= 1000),
                "usage alert percents lie between 1 and 1000: " + percents);
    }

    /** The usage at which {@code percent} of {@code limit} is reached (rounded up, at least one execution). */
    static long threshold(long limit, int percent) {
        return Math.max(1, (limit * percent + 99) / 100);
    }

    /** The percents the execution that brought the period's usage to {@code usedAfter} reaches first. */
    public List<Integer> reachedAt(long usedAfter, OptionalLong limit) {
        if (limit.isEmpty() || limit.getAsLong() == 0) {
            return List.of();
        }
        return percents.stream().filter(percent -> threshold(limit.getAsLong(), percent) == usedAfter).toList();
    }
}
