package com.agentmarket.billing.adapter.out.persistence.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.application.payment.InvoiceRecords;
import com.agentmarket.billing.application.payment.port.out.InvoiceSnapshot;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two recorders of one invoice at once (a paid and a failed event handled by two servers), on the real PostgreSQL:
 * the invoice ends paid whichever transaction commits last, and whichever answer was asked for first.
 */
class StaleInvoiceReportIT {

    private static TestDatabase db;
    private static ExecutorService threads;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.postgres();
        db.truncateAll();
        db.execute("insert into customer (id, account_status, version, created_at, updated_at) "
                + "values ('user_42', 'ACTIVE', 1, current_timestamp, current_timestamp)");
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        threads.shutdownNow();
        db.close();
    }

    private static InvoiceSnapshot invoice(String id, String status) {
        return new InvoiceSnapshot(id, new StripeCustomerId("cus_42"), Optional.of(new StripeSubscriptionId("sub_42")), status,
                Money.usd(9900), status.equals("paid") ? Money.usd(9900) : Money.usd(0), 1,
                Instant.parse("2026-09-03T10:00:00Z"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Money.usd(0));
    }

    /** One handler's transaction, retried from scratch when the other committed first (the invoice's version). */
    private static void record(InvoiceSnapshot invoice, Instant askedAt, CyclicBarrier start) throws Exception {
        start.await();
        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 4));
        for (int attempt = 0; ; attempt++) {
            try {
                db.inTransaction(em -> new InvoiceRecords(new JpaInvoiceRepository(em)).record(new CustomerId("user_42"),
                        invoice, askedAt));
                return;
            } catch (ConcurrentUpdateException lostTheRace) {
                if (attempt == 5) {
                    throw lostTheRace;
                }
            }
        }
    }

    private static void race(String id) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> paid = threads.submit(() -> {
            record(invoice(id, "paid"), Instant.parse("2026-09-03T11:00:00.100Z"), start);
            return null;
        });
        Future<?> open = threads.submit(() -> {
            record(invoice(id, "open"), Instant.parse("2026-09-03T11:00:00.200Z"), start);
            return null;
        });
        paid.get();
        open.get();
    }

    private static String newInvoiceId() {
        return "in_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    @RepeatedTest(25)
    void paid_wins_whatever_the_interleaving_and_whichever_answer_was_asked_for_first() throws Exception {
        String id = newInvoiceId();

        race(id);

        assertThat(db.count("select count(*) from invoice where id = '" + id + "' and status = 'paid'")).isEqualTo(1);
    }

    @RepeatedTest(25)
    void paid_wins_also_when_both_update_an_invoice_recorded_before() throws Exception {
        String id = newInvoiceId();
        db.inTransaction(em -> new InvoiceRecords(new JpaInvoiceRepository(em)).record(new CustomerId("user_42"),
                invoice(id, "draft"), Instant.parse("2026-09-03T11:00:00.050Z")));

        race(id);

        assertThat(db.count("select count(*) from invoice where id = '" + id + "' and status = 'paid'")).isEqualTo(1);
    }
}
