package com.agentmarket.billing.adapter.out.persistence.execution;

import com.agentmarket.billing.adapter.out.persistence.execution.ExecutionBatch.Outcome;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.ExecutionToRecord;
import com.agentmarket.billing.application.usage.port.out.ExecutionLedger.Recorded;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: executions recorded at the same time are written in one transaction. A request queues its execution
 * and waits; each writer takes whatever is queued (up to {@code maxBatch}), writes it in one transaction and answers
 * every request once its row is committed. No batching window: a writer never waits for more, so a lone request is
 * written at once, and under load the batch is what arrived while the previous one was being written.
 *
 * <p>Back-pressure: when {@code queueCapacity} executions are already waiting, the next one is refused at once as a
 * database outage (503 with {@code Retry-After}), and an execution no writer took within {@link #WAIT_FOR_WRITER} is
 * withdrawn and refused the same way; in both cases nothing was stored, and a retry with the same execution id is
 * safe whatever happened.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    static final Duration WAIT_FOR_WRITER = Duration.ofSeconds(5);

    private final BlockingQueue<Waiting> queue;
    private final int maxBatch;
    private final Duration waitForWriter;
    private final Function<List<ExecutionToRecord>, List<Outcome>> write;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param write writes a batch and answers each of its executions in order; it never throws (a failure of the
     *        whole batch is each execution's outcome)
     */
    GroupCommit(GroupCommitSettings settings, ThreadFactory threads, Function<List<ExecutionToRecord>, List<Outcome>> write) {
        this(settings, threads, write, WAIT_FOR_WRITER);
    }

    GroupCommit(GroupCommitSettings settings, ThreadFactory threads, Function<List<ExecutionToRecord>, List<Outcome>> write,
            Duration waitForWriter) {
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.maxBatch = settings.maxBatch();
        this.waitForWriter = waitForWriter;
        this.write = write;
        for (int i = 0; i < settings.writers(); i++) {
            Thread writer = threads.newThread(this::writeUntilClosed);
            writer.setName("execution-writer-" + i);
            writers.add(writer);
        }
        writers.forEach(Thread::start);
    }

    Recorded record(ExecutionToRecord execution) {
        Waiting waiting = new Waiting(execution);
        if (closed || !queue.offer(waiting)) {
            throw unavailable(closed ? "the server is stopping" : "the " + queue.size() + " executions already waiting to "
                    + "be stored fill the queue");
        }
        return waiting.answer(waitForWriter);
    }

    private void writeUntilClosed() {
        List<Waiting> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            batch.removeIf(waiting -> !waiting.take());
            if (!batch.isEmpty()) {
                writeAndAnswer(batch);
            }
            batch.clear();
        }
    }

    /** Every execution taken is answered, whatever happens here: a request that a writer took waits for its answer. */
    private void writeAndAnswer(List<Waiting> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = write.apply(batch.stream().map(Waiting::execution).toList());
        } catch (Throwable unexpected) { // an Error too: the writer answers its batch and goes on
            LOG.log(Level.SEVERE, "Writing a batch of " + batch.size() + " executions failed", unexpected);
            outcomes = batch.stream().map(waiting -> Outcome.refused(new IllegalStateException(
                    "recording the execution failed: " + unexpected, unexpected))).toList();
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answered.complete(outcomes.get(i));
        }
    }

    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        for (Waiting left = queue.poll(); left != null; left = queue.poll()) {
            if (left.take()) {
                left.answered.complete(Outcome.refused(unavailable("the server is stopping")));
            }
        }
    }

    private static RuntimeException unavailable(String why) {
        String message = "The execution was not stored: " + why + "; nothing was counted, retry with the same execution id";
        return new IllegalStateException(message, new SQLTransientConnectionException(message));
    }

    /** An execution in the queue: taken by a writer, or withdrawn by its request after waiting too long, never both. */
    private static final class Waiting {

        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;

        private final ExecutionToRecord execution;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final CompletableFuture<Outcome> answered = new CompletableFuture<>();

        Waiting(ExecutionToRecord execution) {
            this.execution = execution;
        }

        ExecutionToRecord execution() {
            return execution;
        }

        boolean take() {
            return state.compareAndSet(QUEUED, TAKEN);
        }

        /**
         * The answer once the execution's transaction ended. Once a writer took it, the wait is the transaction's own
         * (bounded by the connection's timeouts), since withdrawing then could not say whether it was stored.
         */
        Recorded answer(Duration waitForWriter) {
            try {
                try {
                    return answered.get(waitForWriter.toMillis(), TimeUnit.MILLISECONDS).answer();
                } catch (TimeoutException slow) {
                    if (state.compareAndSet(QUEUED, WITHDRAWN)) {
                        throw unavailable("no writer took it within " + waitForWriter.toMillis() + " ms");
                    }
                    return answered.get().answer();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                if (state.compareAndSet(QUEUED, WITHDRAWN)) {
                    throw unavailable("the request was interrupted");
                }
                return answered.join().answer();
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible.getCause());
            }
        }
    }
}
