package com.agentmarket.billing.adapter.out.persistence.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.payment.port.out.RecordedInvoice;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.List;
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
                Optional.empty(), Optional.of("https://invoice.stripe.com/i/" + id), Optional.empty(), Optional.empty(),
                Money.usd(0));
    }

    private void record(InvoiceSnapshot invoice) {
        db.inTransaction(em -> {
            JpaInvoiceRepository invoices = new JpaInvoiceRepository(em);
            invoices.record(new CustomerId("user_42"), invoice, Instant.parse("2026-10-04T00:00:00Z"), invoices.find(invoice.id()));
            return null;
        });
    }

    @Test
    void a_customers_invoices_are_listed_newest_first_whatever_the_order_recorded() {
        record(invoice("in_3", "paid", "2026-10-03T10:00:00Z"));
        record(invoice("in_1", "paid", "2026-08-03T10:00:00Z"));
        record(invoice("in_2", "open", "2026-09-03T10:00:00Z"));

        List<RecordedInvoice> listed = db.inTransaction(em -> new JpaInvoiceRepository(em).ofCustomer(new CustomerId("user_42")));

        assertThat(listed).containsExactly(
                new RecordedInvoice("in_3", Optional.of(SUB), "paid", Instant.parse("2026-10-03T10:00:00Z"),
                        Instant.parse("2026-10-04T00:00:00Z"), 1),
                new RecordedInvoice("in_2", Optional.of(SUB), "open", Instant.parse("2026-09-03T10:00:00Z"),
                        Instant.parse("2026-10-04T00:00:00Z"), 1),
                new RecordedInvoice("in_1", Optional.of(SUB), "paid", Instant.parse("2026-08-03T10:00:00Z"),
                        Instant.parse("2026-10-04T00:00:00Z"), 1));
        Optional<RecordedInvoice> found = db.inTransaction(em -> new JpaInvoiceRepository(em).find("in_2"));
        assertThat(found.map(RecordedInvoice::status)).contains("open");
    }

    @Test
    void recording_an_invoice_again_replaces_its_state() {
        record(invoice("in_2", "open", "2026-09-03T10:00:00Z"));
        record(invoice("in_2", "paid", "2026-09-03T10:00:00Z"));

        assertThat(db.count("select count(*) from invoice where id = 'in_2' and status = 'paid' and amount_paid = 9900"))
                .isEqualTo(1);
    }

    @Test
    void a_report_weighed_against_no_record_is_refused_when_another_writer_stored_the_invoice_since() {
        record(invoice("in_2", "paid", "2026-09-03T10:00:00Z"));

        assertThatThrownBy(() -> db.inTransaction(em -> {
            new JpaInvoiceRepository(em).record(new CustomerId("user_42"), invoice("in_2", "open", "2026-09-03T10:00:00Z"),
                    Instant.parse("2026-10-05T00:00:00Z"), Optional.empty());
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(db.count("select count(*) from invoice where id = 'in_2' and status = 'paid' and version = 1")).isEqualTo(1);
    }

    @Test
    void a_report_weighed_against_an_older_record_is_refused() {
        record(invoice("in_2", "open", "2026-09-03T10:00:00Z"));
        Optional<RecordedInvoice> weighedAgainst = db.inTransaction(em -> new JpaInvoiceRepository(em).find("in_2"));
        record(invoice("in_2", "paid", "2026-09-03T10:00:00Z"));

        assertThatThrownBy(() -> db.inTransaction(em -> {
            new JpaInvoiceRepository(em).record(new CustomerId("user_42"), invoice("in_2", "open", "2026-09-03T10:00:00Z"),
                    Instant.parse("2026-10-05T00:00:00Z"), weighedAgainst);
            return null;
        })).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(db.count("select count(*) from invoice where id = 'in_2' and status = 'paid' and version = 2")).isEqualTo(1);
    }
}
