package com.agentmarket.billing.adapter.out.persistence.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.adapter.out.persistence.work.SqlDueWork;
import com.agentmarket.billing.application.notification.port.out.Notification;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaNotificationOutboxIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
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

    private record Claimed(Notification notification, int attempts) {
    }

    /** The outbox with its due work, as the application uses them together. */
    private static final class Outbox {
        private final JpaNotificationOutbox outbox;
        private final SqlDueWork work;

        Outbox(EntityManager em) {
            outbox = new JpaNotificationOutbox(em);
            work = new SqlDueWork(em);
        }

        boolean enqueue(Notification notification, Instant now) {
            return outbox.enqueue(notification, now);
        }

        List<Claimed> claimDue(int max, Instant now, Duration lease, String worker) {
            return work.claim(WorkKind.NOTIFICATION, max, now, lease, worker).stream()
                    .map(claim -> new Claimed(outbox.find(List.of(claim.key())).get(0), claim.attempts())).toList();
        }

        void sent(String key, String worker, Instant now) {
            work.complete(WorkKind.NOTIFICATION, key, worker, Optional.empty(), now);
        }

        void failed(String key, String worker, String error, Optional<Instant> retryAt, Instant now) {
            work.fail(WorkKind.NOTIFICATION, key, worker, error, retryAt, now);
        }
    }

    private static Notification failed(String key) {
        return new Notification(key, new CustomerId("user_42"), Optional.of(new Email("jane@example.com")),
                "Your payment failed", "Hello");
    }

    @Test
    void a_notification_is_queued_once_per_key_and_sent_once() {
        boolean first = db.inTransaction(em -> new Outbox(em).enqueue(failed("payment-failed:in_2:1"), NOW));
        boolean again = db.inTransaction(em -> new Outbox(em).enqueue(failed("payment-failed:in_2:1"), NOW));
        List<Claimed> claimed = db.inTransaction(em ->
                new Outbox(em).claimDue(10, NOW, Duration.ofMinutes(1), "w1"));
        db.inTransaction(em -> {
            new Outbox(em).sent("payment-failed:in_2:1", "w1", NOW);
            return null;
        });
        List<Claimed> afterSending = db.inTransaction(em ->
                new Outbox(em).claimDue(10, NOW.plusSeconds(120), Duration.ofMinutes(1), "w2"));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(claimed).singleElement().satisfies(c -> {
            assertThat(c.notification()).isEqualTo(failed("payment-failed:in_2:1"));
            assertThat(c.attempts()).isEqualTo(1);
        });
        assertThat(afterSending).isEmpty();
        assertThat(db.count("select count(*) from notification where status = 'SENT' and sent_at is not null")).isEqualTo(1);
    }

    @Test
    void a_failed_send_waits_for_its_retry_or_gives_up() {
        db.inTransaction(em -> new Outbox(em).enqueue(failed("k"), NOW));
        db.inTransaction(em -> new Outbox(em).claimDue(10, NOW, Duration.ofMinutes(1), "w"));
        db.inTransaction(em -> {
            new Outbox(em).failed("k", "w", "SMTP down", Optional.of(NOW.plusSeconds(60)), NOW);
            return null;
        });

        assertThat(db.<List<Claimed>>inTransaction(em -> new Outbox(em).claimDue(10, NOW.plusSeconds(59), Duration.ofMinutes(1), "w")))
                .isEmpty();
        assertThat(db.<List<Claimed>>inTransaction(em -> new Outbox(em).claimDue(10, NOW.plusSeconds(60), Duration.ofMinutes(1), "w")))
                .singleElement().satisfies(c -> assertThat(c.attempts()).isEqualTo(2));
        db.inTransaction(em -> {
            new Outbox(em).failed("k", "w", "SMTP down", Optional.empty(), NOW);
            return null;
        });
        assertThat(db.count("select count(*) from notification where status = 'FAILED' and last_error = 'SMTP down'")).isEqualTo(1);
    }
}
