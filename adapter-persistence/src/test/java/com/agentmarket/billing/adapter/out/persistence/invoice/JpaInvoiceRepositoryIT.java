package com.agentmarket.billing.adapter.out.persistence.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaInvoiceRepositoryIT {

    private static final StripeSubscriptionId SUB = new StripeSubscriptionId("sub_1");
    private static TestDatabase db;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void oneCustomer() {
        db.truncateAll();
        db.execute("insert into customer (id, account_status, version, created_at, updated_at) "
                + "values ('user_42', 'ACTIVE', 1, current_timestamp, current_timestamp)");
    }

    private static InvoiceSnapshot invoice(String id, String status, String created) {
        return new InvoiceSnapshot(id, new StripeCustomerId("cus_1"), Optional.of(SUB), status, Money.usd(9900),
                status.equals("paid") ? Money.usd(9900) : Money.usd(0), 1, Instant.parse(created),
                Optional.empty(), Optional.of("https://invoice.stripe.com/i/" + id), Optional.empty(), Optional.empty());
    }

    private void record(InvoiceSnapshot invoice) {
        db.inTransaction(em -> {
            new JpaInvoiceRepository(em).record(new CustomerId("user_42"), invoice);
            return null;
        });
    }

    @Test
    void the_latest_paid_invoice_of_a_subscription_is_known_whatever_the_order_recorded() {
        record(invoice("in_3", "paid", "2026-10-03T10:00:00Z"));
        record(invoice("in_1", "paid", "2026-08-03T10:00:00Z"));
        record(invoice("in_2", "open", "2026-09-03T10:00:00Z"));

        Optional<Suspension.InvoiceRef> latest = db.inTransaction(em -> new JpaInvoiceRepository(em).latestPaid(SUB));

        assertThat(latest).contains(new Suspension.InvoiceRef("in_3", SUB, Instant.parse("2026-10-03T10:00:00Z")));
    }

    @Test
    void recording_an_invoice_again_replaces_its_state() {
        record(invoice("in_2", "open", "2026-09-03T10:00:00Z"));
        record(invoice("in_2", "paid", "2026-09-03T10:00:00Z"));

        assertThat(db.count("select count(*) from invoice where id = 'in_2' and status = 'paid' and amount_paid = 9900"))
                .isEqualTo(1);
    }
}
