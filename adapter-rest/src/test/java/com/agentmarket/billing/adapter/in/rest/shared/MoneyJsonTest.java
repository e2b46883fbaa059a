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

    @Test
    void each_currency_keeps_its_own_number_of_decimals() {
        assertThat(MoneyJson.major(Money.of(2_999, "eur"))).hasToString("29.99");
        assertThat(MoneyJson.major(Money.of(1_234, "bhd"))).hasToString("1.234");
        assertThat(MoneyJson.major(Money.of(15_000, "krw"))).hasToString("15000");
    }

    @Test
    void a_currency_java_does_not_know_is_shown_with_two_decimals() {
        assertThat(MoneyJson.major(Money.of(1_050, "zzz"))).hasToString("10.50");
    }

    @Test
    void a_credit_stays_negative() {
        assertThat(MoneyJson.major(Money.usd(-2_900))).hasToString("-29.00");
    }

    @Test
    void amounts_stored_as_minor_units_and_code_convert_the_same_way() {
        assertThat(MoneyJson.major(9_900, "usd")).isEqualTo(MoneyJson.major(Money.usd(9_900)));
    }
}
