package com.agentmarket.billing.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UsageAlertPolicyTest {

    private final UsageAlertPolicy policy = new UsageAlertPolicy(List.of(80, 100));

    @Test
    void the_free_plan_is_told_at_its_eighth_and_tenth_execution_only() {
        OptionalLong free = OptionalLong.of(10);

        assertThat(policy.reachedAt(7, free)).isEmpty();
        assertThat(policy.reachedAt(8, free)).containsExactly(80);
        assertThat(policy.reachedAt(9, free)).isEmpty();
        assertThat(policy.reachedAt(10, free)).containsExactly(100);
        assertThat(policy.reachedAt(11, free)).as("overage is past every threshold").isEmpty();
    }

    @Test
    void a_threshold_between_two_counts_is_reached_by_the_execution_that_passes_it() {
        assertThat(new UsageAlertPolicy(List.of(25)).reachedAt(3, OptionalLong.of(10))).containsExactly(25);
        assertThat(new UsageAlertPolicy(List.of(25)).reachedAt(2, OptionalLong.of(10))).isEmpty();
        assertThat(new UsageAlertPolicy(List.of(33)).reachedAt(4, OptionalLong.of(10))).containsExactly(33);
        assertThat(new UsageAlertPolicy(List.of(150)).reachedAt(150, OptionalLong.of(100)))
                .as("beyond the quota, with overage billed").containsExactly(150);
    }

    @Test
    void unlimited_plans_are_never_told() {
        assertThat(policy.reachedAt(1_000_000, OptionalLong.empty())).isEmpty();
    }

    @Test
    void percents_outside_one_to_a_thousand_are_refused() {
        assertThatThrownBy(() -> new UsageAlertPolicy(List.of(0))).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new UsageAlertPolicy(List.of(80, 1001))).isInstanceOf(DomainViolation.class);
    }
}
