package com.agentmarket.billing.adapter.out.persistence.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.adapter.out.persistence.work.SqlDueWork;
import com.agentmarket.billing.application.shared.Page;
import com.agentmarket.billing.application.webhook.InboxEvent;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.work.WorkBacklog;
import com.agentmarket.billing.application.work.WorkKind;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaWebhookInboxIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration LEASE = Duration.ofMinutes(5);

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
    void empty() {
        db.truncateAll();
    }

    private static VerifiedEvent event(String id, int secondsAfter) {
        return new VerifiedEvent(id, "customer.subscription.updated", false, Optional.of("2026-07-29.dahlia"),
                NOW.plusSeconds(secondsAfter), Optional.of("sub_1"), OptionalInt.of(2));
    }

    /** The inbox with its due work, as the application uses them together. */
    private static final class Inbox {
        private final JpaWebhookInbox inbox;
        private final SqlDueWork work;

        Inbox(EntityManager em) {
            inbox = new JpaWebhookInbox(em);
            work = new SqlDueWork(em);
        }

        boolean store(VerifiedEvent event, String payload, Optional<String> ignored, Instant now) {
            return inbox.store(event, payload, ignored, now);
        }

        Optional<InboxEvent> find(String eventId) {
            return inbox.find(eventId);
        }

        List<InboxEvent> recentFor(java.util.Set<String> objectIds, int max) {
            return inbox.recentFor(objectIds, max);
        }

        Page<InboxEvent> list(Optional<InboxEvent.Status> status, int page, int size) {
            return inbox.list(status, page, size);
        }

        List<InboxEvent> claimDue(int max, Instant now, Duration lease, String worker) {
            return work.claim(WorkKind.WEBHOOK_EVENT, max, now, lease, worker).stream()
                    .map(claim -> inbox.find(claim.key()).orElseThrow()).toList();
        }

        void processed(String eventId, String worker, Optional<String> outcome, Instant now) {
            work.complete(WorkKind.WEBHOOK_EVENT, eventId, worker, outcome, now);
        }

        void failed(String eventId, String worker, String error, Optional<Instant> retryAt, Instant now) {
            work.fail(WorkKind.WEBHOOK_EVENT, eventId, worker, error, retryAt, now);
        }

        boolean replay(String eventId, Instant now) {
            return work.replay(WorkKind.WEBHOOK_EVENT, eventId, now);
        }

        WorkBacklog backlog() {
            return work.backlog(WorkKind.WEBHOOK_EVENT);
        }
    }

    private <T> T inbox(Function<Inbox, T> work) {
        return db.inTransaction(em -> work.apply(new Inbox(em)));
    }

    private boolean store(VerifiedEvent event) {
        return inbox(inbox -> inbox.store(event, "{\"id\":\"" + event.id() + "\"}", Optional.empty(), NOW));
    }

    @Test
    void an_event_is_stored_once_whatever_the_number_of_deliveries() {
        assertThat(store(event("evt_1", 0))).isTrue();
        assertThat(store(event("evt_1", 0))).isFalse();

        assertThat(db.count("select count(*) from webhook_event")).isEqualTo(1);
        assertThat(db.count("select count(*) from webhook_event where payload = '{\"id\":\"evt_1\"}'")).isEqualTo(1);
        InboxEvent stored = inbox(inbox -> inbox.find("evt_1")).orElseThrow();
        assertThat(stored.status()).isEqualTo(InboxEvent.Status.RECEIVED);
        assertThat(stored.event()).isEqualTo(event("evt_1", 0));
    }

    @Test
    void an_ignored_event_is_stored_as_processed_and_never_claimed() {
        inbox(inbox -> inbox.store(event("evt_live", 0), "{}", Optional.of("ignored: live-mode"), NOW));

        assertThat(this.<List<InboxEvent>>inbox(inbox -> inbox.claimDue(10, NOW.plusSeconds(1), LEASE, "w1"))).isEmpty();
        assertThat(inbox(inbox -> inbox.find("evt_live")).orElseThrow().outcome()).contains("ignored: live-mode");
    }

    @Test
    void a_claim_takes_due_events_oldest_first_counts_an_attempt_and_holds_them_for_the_lease() {
        store(event("evt_late", 10));
        store(event("evt_early", 0));

        List<InboxEvent> first = inbox(inbox -> inbox.claimDue(1, NOW, LEASE, "w1"));
        List<InboxEvent> second = inbox(inbox -> inbox.claimDue(10, NOW, LEASE, "w2"));
        List<InboxEvent> afterLease = inbox(inbox -> inbox.claimDue(10, NOW.plus(LEASE).plusSeconds(1), LEASE, "w3"));

        assertThat(first).extracting(e -> e.event().id()).containsExactly("evt_early");
        assertThat(first.get(0).attempts()).isEqualTo(1);
        assertThat(second).extracting(e -> e.event().id()).containsExactly("evt_late");
        assertThat(afterLease).extracting(e -> e.event().id()).as("a crashed worker's events are taken over")
                .containsExactlyInAnyOrder("evt_early", "evt_late");
        assertThat(afterLease).allSatisfy(e -> assertThat(e.attempts()).isEqualTo(2));
    }

    @Test
    void two_workers_racing_over_the_inbox_claim_each_event_exactly_once() throws Exception {
        int events = 60;
        for (int i = 0; i < events; i++) {
            store(event("evt_" + i, i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> claims = new ArrayList<>();
            for (String worker : List.of("server-a", "server-b")) {
                claims.add(workers.submit(() -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    List<InboxEvent> batch;
                    do {
                        batch = inbox(inbox -> inbox.claimDue(5, NOW.plusSeconds(events), LEASE, worker));
                        for (InboxEvent claimed : batch) {
                            mine.add(claimed.event().id());
                            inbox(inbox -> {
                                inbox.processed(claimed.event().id(), worker, Optional.empty(), NOW);
                                return null;
                            });
                        }
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> claim : claims) {
                all.addAll(claim.get());
            }

            assertThat(all).hasSize(events).doesNotHaveDuplicates();
            assertThat(Collections.frequency(all, "evt_0")).isEqualTo(1);
        } finally {
            workers.shutdownNow();
        }
        assertThat(db.count("select count(*) from webhook_event where status = 'PROCESSED' and attempts = 1")).isEqualTo(events);
    }

    @Test
    void a_failure_is_retried_later_then_dead_and_a_replay_starts_over() {
        store(event("evt_1", 0));
        inbox(inbox -> inbox.claimDue(10, NOW, LEASE, "w1"));
        inbox(inbox -> {
            inbox.failed("evt_1", "w1", "Stripe down", Optional.of(NOW.plusSeconds(30)), NOW);
            return null;
        });

        assertThat(this.<List<InboxEvent>>inbox(inbox -> inbox.claimDue(10, NOW.plusSeconds(29), LEASE, "w1"))).isEmpty();
        assertThat(this.<List<InboxEvent>>inbox(inbox -> inbox.claimDue(10, NOW.plusSeconds(30), LEASE, "w1"))).hasSize(1);
        inbox(inbox -> {
            inbox.failed("evt_1", "w1", "still down", Optional.empty(), NOW);
            return null;
        });
        InboxEvent dead = inbox(inbox -> inbox.find("evt_1")).orElseThrow();
        assertThat(dead.status()).isEqualTo(InboxEvent.Status.DEAD);
        assertThat(dead.outcome()).contains("still down");
        assertThat(dead.attempts()).isEqualTo(2);

        assertThat(this.<Boolean>inbox(inbox -> inbox.replay("evt_1", NOW))).isTrue();
        assertThat(this.<Boolean>inbox(inbox -> inbox.replay("evt_unknown", NOW))).isFalse();
        InboxEvent replayed = inbox(inbox -> inbox.claimDue(10, NOW, LEASE, "w2")).get(0);
        assertThat(replayed.attempts()).isEqualTo(1);
    }

    @Test
    void a_worker_that_lost_its_claim_cannot_overwrite_the_new_owners_outcome() {
        store(event("evt_1", 0));
        inbox(inbox -> inbox.claimDue(10, NOW, LEASE, "slow"));
        inbox(inbox -> inbox.claimDue(10, NOW.plus(LEASE).plusSeconds(1), LEASE, "fast"));
        inbox(inbox -> {
            inbox.processed("evt_1", "fast", Optional.empty(), NOW);
            inbox.failed("evt_1", "slow", "timeout", Optional.empty(), NOW);
            return null;
        });

        assertThat(inbox(inbox -> inbox.find("evt_1")).orElseThrow().status()).isEqualTo(InboxEvent.Status.PROCESSED);
    }

    @Test
    void events_are_listed_by_status_a_page_at_a_time() {
        for (int i = 0; i < 5; i++) {
            store(event("evt_" + i, i));
        }
        inbox(inbox -> inbox.claimDue(2, NOW.plusSeconds(10), LEASE, "w"))
                .forEach(claimed -> inbox(inbox -> {
                    inbox.failed(claimed.event().id(), "w", "boom", Optional.empty(), NOW);
                    return null;
                }));

        Page<InboxEvent> dead = inbox(inbox -> inbox.list(Optional.of(InboxEvent.Status.DEAD), 0, 10));
        Page<InboxEvent> secondPage = inbox(inbox -> inbox.list(Optional.empty(), 1, 2));

        assertThat(dead.total()).isEqualTo(2);
        assertThat(dead.items()).extracting(e -> e.event().id()).containsExactlyInAnyOrder("evt_0", "evt_1");
        assertThat(secondPage.total()).isEqualTo(5);
        assertThat(secondPage.items()).hasSize(2);
    }

    @Test
    void the_backlog_counts_the_open_events_by_status_and_dates_the_oldest_waiting_one() {
        store(event("evt_waiting", 0));
        store(event("evt_retrying", 1));
        store(event("evt_done", 2));
        store(event("evt_dead", 3));
        inbox(inbox -> inbox.claimDue(10, NOW, LEASE, "w1"));
        inbox(inbox -> {
            inbox.failed("evt_retrying", "w1", "Stripe down", Optional.of(NOW.plusSeconds(60)), NOW);
            inbox.processed("evt_done", "w1", Optional.empty(), NOW);
            inbox.failed("evt_dead", "w1", "gave up", Optional.empty(), NOW);
            inbox.failed("evt_waiting", "w1", "Stripe down", Optional.of(NOW.plusSeconds(60)), NOW);
            return null;
        });
        store(event("evt_new", 4));

        WorkBacklog backlog = inbox(Inbox::backlog);

        assertThat(backlog.waiting()).isEqualTo(1);
        assertThat(backlog.retrying()).isEqualTo(2);
        assertThat(backlog.dead()).isEqualTo(1);
        assertThat(backlog.oldest()).contains(NOW);
    }

    @Test
    void the_recent_events_of_a_customers_objects_come_newest_first() {
        store(event("evt_old", 0));
        store(event("evt_new", 10));

        assertThat(this.<List<InboxEvent>>inbox(inbox -> inbox.recentFor(java.util.Set.of("sub_1", "cus_1"), 1)))
                .extracting(event -> event.event().id()).containsExactly("evt_new");
        assertThat(this.<List<InboxEvent>>inbox(inbox -> inbox.recentFor(java.util.Set.of("sub_other"), 10))).isEmpty();
        assertThat(this.<List<InboxEvent>>inbox(inbox -> inbox.recentFor(java.util.Set.of(), 10))).isEmpty();
    }
}
