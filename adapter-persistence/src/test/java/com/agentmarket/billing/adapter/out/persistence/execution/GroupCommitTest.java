package com.agentmarket.billing.adapter.out.persistence.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.adapter.out.persistence.execution.ExecutionBatch.Outcome;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.ExecutionToRecord;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.Recorded;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.Quota;
import com.agentmarket.billing.domain.subscription.BillingPeriod;
import com.agentmarket.billing.domain.usage.ExecutionId;
import com.agentmarket.billing.domain.usage.QuotaTerms;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue in front of the writers: what joins a batch, who is answered what, and back-pressure. */
class GroupCommitTest {

    private static final Instant NOW = Instant.parse("2026-08-20T12:00:00Z");
    private static final BillingPeriod AUGUST = BillingPeriod.calendarMonthOf(NOW);

    /** A writer that answers each execution with its position in the batch, after {@code release} opens. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchTaken = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Function<List<ExecutionToRecord>, List<Outcome>> writer = executions -> {
        batches.add(executions.stream().map(e -> e.execution().value()).toList());
        firstBatchTaken.countDown();
        try {
            release.await();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        return IntStream.range(0, executions.size())
                .mapToObj(i -> Outcome.of(new Recorded(Optional.empty(), i + 1, OptionalLong.of(10), AUGUST, false)))
                .toList();
    };
    private GroupCommit groupCommit;

    @AfterEach
    void stop() {
        release.countDown();
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    private static ExecutionToRecord execution(String id) {
        return new ExecutionToRecord(new CustomerId("user_42"), new ExecutionId(id), new QuotaTerms(AUGUST, Optional.empty(),
                Quota.of(10), OptionalLong.of(10), OptionalLong.empty()), NOW, Optional.empty());
    }

    /** Recorded in the background; each test checks they were all answered. */
    private final List<CompletableFuture<Recorded>> background = new CopyOnWriteArrayList<>();

    private void recordInBackground(String id) {
        background.add(recordAsync(id));
    }

    private void allAnswered() {
        assertThat(background).allSatisfy(answer -> assertThat(answer.get(5, TimeUnit.SECONDS)).isNotNull());
    }

    private CompletableFuture<Recorded> recordAsync(String id) {
        return CompletableFuture.supplyAsync(() -> groupCommit.record(execution(id)), Executors.newSingleThreadExecutor());
    }

    @Test
    void what_arrives_while_a_batch_is_written_is_written_together_and_each_gets_its_own_answer() throws Exception {
        groupCommit = new GroupCommit(new GroupCommitSettings(100, 1000, 1), Thread::new, writer);
        CompletableFuture<Recorded> first = recordAsync("first");
        assertThat(firstBatchTaken.await(5, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Recorded>> next = IntStream.range(0, 10).mapToObj(i -> recordAsync("next-" + i)).toList();
        Thread.sleep(200);
        assertThat(next).noneMatch(CompletableFuture::isDone);
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).usedAfter()).isEqualTo(1);
        assertThat(next.stream().map(CompletableFuture::join).map(Recorded::usedAfter))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 10).mapToObj(i -> (long) i).toList());
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly("first");
        assertThat(batches.get(1)).hasSize(10);
    }

    @Test
    void a_batch_never_exceeds_its_maximum() throws Exception {
        groupCommit = new GroupCommit(new GroupCommitSettings(4, 1000, 1), Thread::new, writer);
        recordInBackground("first");
        assertThat(firstBatchTaken.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Recorded>> next = IntStream.range(0, 10).mapToObj(i -> recordAsync("next-" + i)).toList();
        Thread.sleep(200);
        release.countDown();

        CompletableFuture.allOf(next.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        allAnswered();
        assertThat(batches).extracting(List::size).containsExactly(1, 4, 4, 2);
    }

    @Test
    void a_full_queue_refuses_the_next_execution_at_once_as_an_outage() throws Exception {
        groupCommit = new GroupCommit(new GroupCommitSettings(100, 2, 1), Thread::new, writer);
        recordInBackground("taken");
        assertThat(firstBatchTaken.await(5, TimeUnit.SECONDS)).isTrue();
        recordInBackground("queued-1");
        recordInBackground("queued-2");
        Thread.sleep(200);

        long before = System.nanoTime();
        assertThatThrownBy(() -> groupCommit.record(execution("one-too-many")))
                .hasMessageContaining("fill the queue").hasMessageContaining("retry with the same execution id")
                .hasCauseInstanceOf(SQLTransientConnectionException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        release.countDown();
        allAnswered();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactly("queued-1", "queued-2");
    }

    @Test
    void an_execution_no_writer_took_in_time_is_withdrawn_and_never_written() throws Exception {
        groupCommit = new GroupCommit(new GroupCommitSettings(100, 10, 1), Thread::new, writer, Duration.ofMillis(300));
        recordInBackground("taken");
        assertThat(firstBatchTaken.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> groupCommit.record(execution("too-late")))
                .hasMessageContaining("no writer took it within 300 ms")
                .hasCauseInstanceOf(SQLTransientConnectionException.class);
        CompletableFuture<Recorded> after = recordAsync("after");
        release.countDown();

        assertThat(after.get(5, TimeUnit.SECONDS)).isNotNull();
        allAnswered();
        assertThat(batches).flatExtracting(batch -> batch).containsExactly("taken", "after");
    }

    @Test
    void a_writer_answers_each_execution_with_its_own_outcome_even_a_refusal() throws Exception {
        groupCommit = new GroupCommit(new GroupCommitSettings(100, 10, 2), Thread::new, executions -> executions.stream()
                .map(e -> e.execution().value().startsWith("bad") ? Outcome.refused(new IllegalStateException("refused " + e.execution().value()))
                        : Outcome.of(new Recorded(Optional.empty(), 1, OptionalLong.of(10), AUGUST, false)))
                .toList());

        assertThat(groupCommit.record(execution("good")).usedAfter()).isEqualTo(1);
        assertThatThrownBy(() -> groupCommit.record(execution("bad-1"))).hasMessage("refused bad-1");
    }

    @Test
    void a_writer_that_hits_an_error_answers_its_batch_and_goes_on() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        groupCommit = new GroupCommit(new GroupCommitSettings(100, 10, 1), Thread::new, executions -> {
            if (first.getAndSet(false)) {
                throw new StackOverflowError("deep");
            }
            return executions.stream().map(e -> Outcome.of(new Recorded(Optional.empty(), 1, OptionalLong.of(10), AUGUST,
                    false))).toList();
        });

        assertThatThrownBy(() -> groupCommit.record(execution("hit"))).hasMessageContaining("StackOverflowError");
        assertThat(groupCommit.record(execution("next")).usedAfter()).isEqualTo(1);
    }
}
