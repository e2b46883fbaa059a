package com.agentmarket.billing.application.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaymentStandingTest {

    private static final StripeSubscriptionId SUB = new StripeSubscriptionId("sub_1");
    private final TestBilling billing = new TestBilling();

    private void record(String id, String status, String created) {
        billing.invoices.record(new CustomerId("user_42"), new InvoiceSnapshot(id, new StripeCustomerId("cus_1"),
                Optional.of(SUB), status, Money.usd(9900), status.equals("paid") ? Money.usd(9900) : Money.usd(0), 1,
                Instant.parse(created), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Money.usd(0)),
                Instant.parse("2026-10-04T00:00:00Z"), billing.invoices.find(id));
    }

    @Test
    void the_latest_paid_invoice_of_a_customer_is_known_whatever_the_order_recorded() {
        record("in_3", "paid", "2026-10-03T10:00:00Z");
        record("in_1", "paid", "2026-08-03T10:00:00Z");
        record("in_2", "open", "2026-09-03T10:00:00Z");

        Optional<Suspension.InvoiceRef> latest = billing.standing.latestPaid(Customer.register(new CustomerId("user_42"),
                Optional.empty()));

        assertThat(latest).contains(new Suspension.InvoiceRef("in_3", SUB, Instant.parse("2026-10-03T10:00:00Z")));
    }
}
