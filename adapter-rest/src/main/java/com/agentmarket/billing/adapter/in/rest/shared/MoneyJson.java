package com.agentmarket.billing.adapter.in.rest.shared;

import com.agentmarket.billing.domain.shared.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/** The one place where minor units become the decimal the API shows ({@code 9900 usd} is {@code 99.00}). */
public final class MoneyJson {

    private MoneyJson() {
    }

    public static BigDecimal major(Money money) {
        return BigDecimal.valueOf(money.minorUnits(), fractionDigits(money.currency()));
    }

    public static BigDecimal major(long minorUnits, String currency) {
        return major(Money.of(minorUnits, currency));
    }

    private static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }
}
