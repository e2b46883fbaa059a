package com.agentmarket.billing.application.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.FixedClock;
import com.agentmarket.billing.application.fakes.InMemoryDueWork;
import com.agentmarket.billing.application.fakes.TestWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The one mechanism every kind of due work runs on: claim, perform outside a transaction, record, retry. */
class DueWorkRunnerTest {

    private final FixedClock clock = FixedClock.at("2026-08-20T12:00:00Z");
    private final InMemoryDueWork work = new InMemoryDueWork();
    private final DueWorkSettings settings = TestWork.settings().with(WorkKind.NOTIFICATION, new WorkSettings(
            Duration.ofSeconds(1), 2, Duration.ofMinutes(2), 1, new RetryPolicy(Duration.ofSeconds(10), 3, Duration.ofMinutes(1), 3)));
    private final DueWorkRunner runner = TestWork.runner(work, settings, clock);
    private final List<String> performed = new ArrayList<>();
    private final List<String> followedUp = new ArrayList<>();
    private Function<String, WorkOutcome> answer = item -> WorkOutcome.done();

    private final DueWorkHandler<String> handler = new DueWorkHandler<>() {
        @Override
        public WorkKind kind() {
            return WorkKind.NOTIFICATION;
        }

        @Override
        public Map<String, String> load(Collection<String> keys) {
            Map<String, String> items = new LinkedHashMap<>();
            keys.stream().filter(key -> !key.startsWith("gone")).forEach(key -> items.put(key, "item " + key));
            return items;
        }

        @Override
        public WorkOutcome perform(String item, int attempts) {
            performed.add(item + " #" + attempts);
            return answer.apply(item);
        }

        @Override
        public void completed(String key, String item) {
            followedUp.add(key);
        }
    };

    private void queue(String key, Instant order) {
        work.queue(WorkKind.NOTIFICATION, key, order, Optional.empty(), clock.now());
    }

    @Test
    void a_round_takes_a_batch_oldest_first_and_records_each_done() {
        queue("c", Instant.parse("2026-08-20T11:00:03Z"));
        queue("a", Instant.parse("2026-08-20T11:00:01Z"));
        queue("b", Instant.parse("2026-08-20T11:00:02Z"));

        DueWorkRunner.Round round = runner.runDue(handler);

        assertThat(round).isEqualTo(new DueWorkRunner.Round(2, 2, 0));
        assertThat(performed).containsExactly("item a #1", "item b #1");
        assertThat(followedUp).containsExactly("a", "b");
        assertThat(work.item(WorkKind.NOTIFICATION, "a").orElseThrow().status()).isEqualTo(InMemoryDueWork.Status.DONE);
        assertThat(runner.runDue(handler).claimed()).isEqualTo(1);
    }

    @Test
    void a_failure_is_retried_as_the_kinds_policy_says_and_given_up_after_its_last_attempt() {
        queue("a", clock.now());
        answer = item -> new WorkOutcome.RetryLater("mail server away", Duration.ZERO);

        runner.runDue(handler);
        assertThat(runner.runDue(handler).claimed()).as("not due before its backoff").isZero();
        clock.advance(Duration.ofSeconds(10));
        runner.runDue(handler);
        clock.advance(Duration.ofSeconds(29));
        assertThat(runner.runDue(handler).claimed()).as("the factor applies").isZero();
        clock.advance(Duration.ofSeconds(1));
        runner.runDue(handler);

        InMemoryDueWork.Item item = work.item(WorkKind.NOTIFICATION, "a").orElseThrow();
        assertThat(performed).containsExactly("item a #1", "item a #2", "item a #3");
        assertThat(item.status()).isEqualTo(InMemoryDueWork.Status.DEAD);
        assertThat(item.note()).contains("mail server away");
        assertThat(followedUp).isEmpty();
    }

    @Test
    void the_other_sides_retry_after_is_respected() {
        queue("a", clock.now());
        answer = item -> new WorkOutcome.RetryLater("429", Duration.ofSeconds(40));

        runner.runDue(handler);

        assertThat(work.item(WorkKind.NOTIFICATION, "a").orElseThrow().nextAttemptAt())
                .contains(clock.now().plusSeconds(40));
    }

    @Test
    void what_cannot_succeed_is_given_up_at_once_and_an_exception_is_retried() {
        queue("refused", Instant.parse("2026-08-20T11:00:01Z"));
        queue("throws", Instant.parse("2026-08-20T11:00:02Z"));
        answer = item -> {
            if (item.endsWith("refused")) {
                return new WorkOutcome.GiveUp("refused for good");
            }
            throw new IllegalStateException("a bug");
        };

        DueWorkRunner.Round round = runner.runDue(handler);

        assertThat(round).isEqualTo(new DueWorkRunner.Round(2, 0, 2));
        assertThat(work.item(WorkKind.NOTIFICATION, "refused").orElseThrow().status()).isEqualTo(InMemoryDueWork.Status.DEAD);
        InMemoryDueWork.Item thrown = work.item(WorkKind.NOTIFICATION, "throws").orElseThrow();
        assertThat(thrown.status()).isEqualTo(InMemoryDueWork.Status.RETRYING);
        assertThat(thrown.note()).contains("IllegalStateException: a bug");
    }

    @Test
    void a_claim_another_server_took_over_is_not_recorded_by_the_first() {
        queue("a", clock.now());
        answer = item -> {
            clock.advance(Duration.ofMinutes(3));
            work.claim(WorkKind.NOTIFICATION, 1, clock.now(), Duration.ofMinutes(2), "another-server");
            return WorkOutcome.done();
        };

        runner.runDue(handler);

        assertThat(followedUp).as("the follow-up belongs to the claim's holder").isEmpty();
        assertThat(work.item(WorkKind.NOTIFICATION, "a").orElseThrow().status()).isEqualTo(InMemoryDueWork.Status.WAITING);
    }

    @Test
    void a_claimed_item_with_nothing_to_work_on_is_given_up_rather_than_claimed_forever() {
        queue("gone-1", clock.now());

        DueWorkRunner.Round round = runner.runDue(handler);

        assertThat(round.claimed()).isZero();
        assertThat(performed).isEmpty();
        assertThat(work.item(WorkKind.NOTIFICATION, "gone-1").orElseThrow().status()).isEqualTo(InMemoryDueWork.Status.DEAD);
    }
}
