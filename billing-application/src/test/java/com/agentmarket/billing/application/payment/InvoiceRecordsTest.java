package com.agentmarket.billing.application.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvoiceRecordsTest {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final Instant FIRST = Instant.parse("2026-09-03T11:00:00Z");
    private static final Instant LATER = Instant.parse("2026-09-03T11:00:01Z");

    private final TestBilling billing = new TestBilling();

    private static InvoiceSnapshot invoice(String status) {
        return new InvoiceSnapshot("in_2", new StripeCustomerId("cus_jane"), Optional.of(new StripeSubscriptionId("sub_jane")),
                status, Money.usd(9900), status.equals("paid") ? Money.usd(9900) : Money.usd(0), 1,
                Instant.parse("2026-09-03T10:00:00Z"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Money.usd(0));
    }

    private String stored() {
        return billing.invoices.find("in_2").orElseThrow().status();
    }

    @Test
    void between_unpaid_states_the_answer_asked_for_later_wins_whatever_the_order() {
        billing.invoiceRecords.record(JANE, invoice("uncollectible"), LATER);
        billing.invoiceRecords.record(JANE, invoice("open"), FIRST);

        assertThat(stored()).isEqualTo("uncollectible");
    }

    @Test
    void paid_is_final_even_when_the_answer_saying_so_was_asked_for_first() {
        billing.invoiceRecords.record(JANE, invoice("open"), LATER);

        assertThat(billing.invoiceRecords.record(JANE, invoice("paid"), FIRST)).isTrue();
        assertThat(stored()).isEqualTo("paid");
        assertThat(billing.invoiceRecords.record(JANE, invoice("open"), LATER.plusSeconds(5))).as("never back").isTrue();
        assertThat(stored()).isEqualTo("paid");
    }

    @Test
    void void_is_final_too_an_older_open_answer_never_brings_it_back() {
        billing.invoiceRecords.record(JANE, invoice("void"), FIRST);

        assertThat(billing.invoiceRecords.record(JANE, invoice("open"), LATER)).isFalse();
        assertThat(stored()).isEqualTo("void");
    }
}
