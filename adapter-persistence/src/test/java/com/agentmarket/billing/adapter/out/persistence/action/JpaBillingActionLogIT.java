package com.agentmarket.billing.adapter.out.persistence.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.application.shared.port.out.BillingAction;
import com.agentmarket.billing.domain.customer.CustomerId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaBillingActionLogIT {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

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

    private static BillingAction proposed(Optional<String> clientKey, String fingerprint, Instant at) {
        return new BillingAction(UUID.randomUUID().toString(), JANE, BillingAction.Kind.CHECKOUT, clientKey, fingerprint,
                BillingAction.State.PENDING, Optional.empty(), Optional.empty(), at, Optional.empty());
    }

    private BillingAction begin(BillingAction proposed) {
        return db.inTransaction(em -> new JpaBillingActionLog(em).begin(proposed));
    }

    @Test
    void an_action_without_a_client_key_is_always_new() {
        BillingAction first = begin(proposed(Optional.empty(), "f", NOW));
        BillingAction second = begin(proposed(Optional.empty(), "f", NOW));

        assertThat(first.idempotencyKey()).isNotEqualTo(second.idempotencyKey());
        assertThat(db.count("select count(*) from billing_action")).isEqualTo(2);
    }

    @Test
    void the_same_client_key_finds_the_action_already_recorded() {
        BillingAction first = begin(proposed(Optional.of("click-1"), "f", NOW));

        BillingAction retry = begin(proposed(Optional.of("click-1"), "other", NOW.plusSeconds(5)));

        assertThat(retry.idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(retry.fingerprint()).isEqualTo("f");
        assertThat(retry.createdAt()).isEqualTo(first.createdAt());
        assertThat(db.count("select count(*) from billing_action")).isEqualTo(1);
    }

    @Test
    void concurrent_retries_with_one_client_key_share_one_action() throws Exception {
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<String>> calls = IntStream.range(0, callers).<Callable<String>>mapToObj(i -> () -> {
                start.await();
                return begin(proposed(Optional.of("click-1"), "f", NOW)).idempotencyKey();
            }).toList();
            List<Future<String>> keys = calls.stream().map(pool::submit).toList();
            start.countDown();

            assertThat(keys.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.count("select count(*) from billing_action")).isEqualTo(1);
    }

    @Test
    void outcomes_are_recorded_and_the_latest_same_request_is_found() {
        BillingAction old = begin(proposed(Optional.empty(), "f", NOW.minus(Duration.ofHours(2))));
        BillingAction recent = begin(proposed(Optional.empty(), "f", NOW));
        begin(proposed(Optional.empty(), "different", NOW));
        db.inTransaction(em -> {
            new JpaBillingActionLog(em).succeeded(recent.idempotencyKey(), Optional.of("cs_1"),
                    Optional.of("https://checkout.stripe.com/c/pay/cs_1"), NOW);
            new JpaBillingActionLog(em).failed(old.idempotencyKey(), "Your card was declined.", NOW);
            return null;
        });

        Optional<BillingAction> latest = db.inTransaction(em -> new JpaBillingActionLog(em)
                .latest(JANE, BillingAction.Kind.CHECKOUT, "f", NOW.minus(Duration.ofMinutes(30))));

        assertThat(latest).hasValueSatisfying(action -> {
            assertThat(action.idempotencyKey()).isEqualTo(recent.idempotencyKey());
            assertThat(action.state()).isEqualTo(BillingAction.State.SUCCEEDED);
            assertThat(action.resultReference()).contains("cs_1");
            assertThat(action.resultUrl()).contains("https://checkout.stripe.com/c/pay/cs_1");
        });
        assertThat(db.count("select count(*) from billing_action where state = 'FAILED' "
                + "and failure = 'Your card was declined.' and completed_at is not null")).isEqualTo(1);
    }
}
