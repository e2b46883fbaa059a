package com.agentmarket.billing.adapter.in.rest.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.in.rest.payment.PaymentAccountResource.InvoiceJson;
import com.agentmarket.billing.adapter.in.rest.payment.PaymentAccountResource.PaymentMethodJson;
import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.domain.shared.Money;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaymentJsonTest {

    @Test
    void an_invoice_shows_amounts_in_major_units_and_created_in_unix_seconds() {
        InvoiceJson json = InvoiceJson.of(new InvoiceSummary("in_1", Money.usd(9900), Money.usd(0), "open",
                Instant.parse("2026-08-03T10:00:00Z"), Optional.of("https://pay.stripe.com/invoice/in_1/pdf"), Money.usd(891),
                Money.usd(10791)));

        assertThat(json.amountDue()).hasToString("99.00");
        assertThat(json.amountPaid()).hasToString("0.00");
        assertThat(json.created()).isEqualTo(1_785_751_200L);
        assertThat(json.invoicePdf()).isEqualTo("https://pay.stripe.com/invoice/in_1/pdf");
        assertThat(json.tax()).hasToString("8.91");
        assertThat(json.total()).hasToString("107.91");
    }

    @Test
    void an_invoice_in_a_zero_decimal_currency_has_no_fraction_and_a_missing_pdf_is_null() {
        InvoiceJson json = InvoiceJson.of(new InvoiceSummary("in_2", Money.of(1_500, "jpy"), Money.of(1_500, "jpy"),
                "paid", Instant.parse("2026-08-03T10:00:00Z"), Optional.empty(), Money.of(0, "jpy"), Money.of(1_500, "jpy")));

        assertThat(json.amountDue()).hasToString("1500");
        assertThat(json.invoicePdf()).isNull();
    }

    @Test
    void a_card_shows_brand_last4_and_expiry() {
        PaymentMethodJson json = PaymentMethodJson.of(new PaymentMethodSummary("pm_1", "card",
                Optional.of(new PaymentMethodSummary.Card("visa", "4242", 12, 2030))));

        assertThat(json).isEqualTo(new PaymentMethodJson("pm_1", "card", "visa", "4242", 12, 2030));
    }

    @Test
    void another_payment_method_has_null_card_fields() {
        PaymentMethodJson json = PaymentMethodJson.of(new PaymentMethodSummary("pm_2", "sepa_debit", Optional.empty()));

        assertThat(json).isEqualTo(new PaymentMethodJson("pm_2", "sepa_debit", null, null, null, null));
    }
}
