package com.agentmarket.billing.adapter.out.persistence.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.adapter.out.persistence.customer.CustomerRepositories;
import com.agentmarket.billing.adapter.out.persistence.flag.OperatorFlagStores;
import com.agentmarket.billing.adapter.out.persistence.invoice.InvoiceRepositories;
import com.agentmarket.billing.application.flag.Flags;
import com.agentmarket.billing.application.payment.PaymentStanding;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.application.subscription.SubscriptionMirror;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PlanCatalog;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItem;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * Two syncs of one subscription at once (the webhook worker and the checkout success page, or two servers), each
 * storing what Stripe answered it, on the real PostgreSQL: the answer asked for later wins, whichever transaction
 * commits last.
 */
class StaleReportIT {

    private static final Instant ASKED_FIRST = Instant.parse("2026-09-03T11:00:00.100Z");
    private static final Instant ASKED_LATER = Instant.parse("2026-09-03T11:00:00.200Z");
    private static final PriceId PRO = new PriceId("price_pro");
    private static final PlanCatalog CATALOG = PlanCatalog.standard(Map.of(PlanId.PRO, PRO));
    private static final Clock CLOCK = () -> Instant.parse("2026-09-03T11:00:01Z");

    private static TestDatabase db;
    private static ExecutorService threads;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.postgres();
        db.truncateAll();
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        threads.shutdownNow();
        db.close();
    }

    private static SubscriptionSnapshot report(String id, SubscriptionStatus status) {
        return new SubscriptionSnapshot(new StripeSubscriptionId(id), new StripeCustomerId("cus_" + id.substring(4)),
                Optional.of("user_" + id.substring(4)), status,
                List.of(new SubscriptionItem(new SubscriptionItemId("si_" + id.substring(4)), PRO)),
                new BillingPeriod(Instant.parse("2026-09-03T10:00:00Z"), Instant.parse("2026-10-03T10:00:00Z")), false,
                Optional.empty(), false, Instant.parse("2026-08-03T10:00:00Z"), Optional.empty());
    }

    /** One sync's transaction, retried from scratch when the other one committed first (optimistic locking). */
    private static void apply(SubscriptionSnapshot report, Instant askedAt, CyclicBarrier start) throws Exception {
        start.await();
        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 4));
        for (int attempt = 0; ; attempt++) {
            try {
                db.inTransaction(em -> new SubscriptionMirror(CustomerRepositories.on(em), SubscriptionRepositories.on(em),
                        CATALOG, new PaymentStanding(InvoiceRepositories.on(em), SubscriptionRepositories.on(em), CLOCK),
                        new Flags(OperatorFlagStores.on(em), CLOCK), CLOCK).apply(report, askedAt, Optional.empty()));
                return;
            } catch (ConcurrentUpdateException | PersistenceException lostTheRace) {
                if (attempt == 5) {
                    throw lostTheRace;
                }
            }
        }
    }

    private static void race(String id) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> older = threads.submit(() -> {
            apply(report(id, SubscriptionStatus.ACTIVE), ASKED_FIRST, start);
            return null;
        });
        Future<?> newer = threads.submit(() -> {
            apply(report(id, SubscriptionStatus.PAST_DUE), ASKED_LATER, start);
            return null;
        });
        older.get();
        newer.get();
    }

    private static void assertTheLaterReportStands(String id) {
        assertThat(db.count("select count(*) from subscription where id = '" + id + "' and status = 'PAST_DUE' "
                + "and observed_at = timestamp with time zone '2026-09-03 11:00:00.2+00'")).isEqualTo(1);
        assertThat(db.count("select count(*) from customer where id = '" + "user_" + id.substring(4)
                + "' and stripe_subscription_id = '" + id + "'")).isEqualTo(1);
    }

    private static String newSubscriptionId() {
        return "sub_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    @RepeatedTest(25)
    void the_report_asked_for_later_wins_whatever_the_interleaving() throws Exception {
        String id = newSubscriptionId();

        race(id);

        assertTheLaterReportStands(id);
    }

    @RepeatedTest(25)
    void the_report_asked_for_later_wins_also_when_both_update_a_subscription_stored_before() throws Exception {
        String id = newSubscriptionId();
        CyclicBarrier alone = new CyclicBarrier(1);
        apply(report(id, SubscriptionStatus.INCOMPLETE), Instant.parse("2026-09-03T11:00:00.050Z"), alone);

        race(id);

        assertTheLaterReportStands(id);
    }
}
