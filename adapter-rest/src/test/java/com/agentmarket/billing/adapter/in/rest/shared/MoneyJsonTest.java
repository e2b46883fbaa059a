package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.domain.shared.Money;
import org.junit.jupiter.api.Test;

class MoneyJsonTest {

    @Test
    void minor_units_become_the_decimal_the_guide_shows() {
        assertThat(MoneyJson.major(Money.usd(9900))).hasToString("99.00");
        assertThat(MoneyJson.major(Money.usd(0))).hasToString("0.00");
        assertThat(MoneyJson.major(Money.usd(49900))).hasToString("499.00");
        assertThat(MoneyJson.major(Money.usd(1))).hasToString("0.01");
    }

    @Test
    void zero_decimal_currencies_have_no_fraction() {
        assertThat(MoneyJson.major(Money.of(500, "jpy"))).hasToString("500");
    }
}
