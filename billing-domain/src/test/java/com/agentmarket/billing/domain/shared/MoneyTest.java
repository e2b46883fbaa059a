package com.agentmarket.billing.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void money_is_kept_in_minor_units_with_its_currency() {
        assertThat(Money.usd(99_00)).isEqualTo(new Money(9900, "usd"));
        assertThat(Money.usd(0).isZero()).isTrue();
    }

    @Test
    void money_without_a_lowercase_iso_currency_does_not_exist() {
        assertThatThrownBy(() -> Money.of(100, "USD")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> Money.of(100, "dollars")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> Money.of(100, null)).isInstanceOf(DomainViolation.class);
    }
}
