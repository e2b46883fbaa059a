package com.agentmarket.billing.application.work;

import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.WorkerIdentity;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.work.port.out.DueWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one round of any kind of due work: claims a batch (a short transaction), performs each item outside any
 * transaction ({@code concurrency} at a time, or in the claim's order), and records the outcomes with the kind's retry
 * policy: a failure at once in a transaction of its own, the items done in transactions of up to
 * {@link #DONE_PER_TRANSACTION} (each lane's, when it has that many or has finished), so that a lane goes on to its
 * next item instead of waiting for a commit after each. An item done but not yet recorded when the server stops is
 * performed again once its lease runs out, as an item whose outcome was lost always was (each kind makes that safe:
 * idempotency keys and meter event identifiers). The only place where due work is claimed, retried or given up.
 */
@ApplicationScoped
public class DueWorkRunner {

    private static final Logger LOG = Logger.getLogger(DueWorkRunner.class.getName());

    static final int DONE_PER_TRANSACTION = 25;

    private final DueWork work;
    private final DueWorkSettings settings;
    private final InTransaction tx;
    private final Clock clock;
    private final WorkerIdentity worker;
    private final Executor lanes;

    /** @param lanes runs the items of a round side by side, for kinds whose concurrency is above one */
    @Inject
    public DueWorkRunner(DueWork work, DueWorkSettings settings, InTransaction tx, Clock clock, WorkerIdentity worker,
            Executor lanes) {
        this.work = work;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
        this.worker = worker;
        this.lanes = lanes;
    }

    /** For CDI's client proxy. */
    protected DueWorkRunner() {
        this(null, null, null, null, null, null);
    }

    /** What a round did: items claimed, and of those done and failed (to be retried or given up). */
    public record Round(int claimed, int done, int failed) {
    }

    public <T> Round runDue(DueWorkHandler<T> handler) {
        WorkKind kind = handler.kind();
        WorkSettings kindSettings = settings.of(kind);
        record Claimed<T>(DueWork.Claim claim, T item) {
        }
        List<Claimed<T>> claimed = tx.call(() -> {
            List<DueWork.Claim> claims = work.claim(kind, kindSettings.batch(), clock.now(), kindSettings.lease(), worker.id());
            if (claims.isEmpty()) {
                return List.<Claimed<T>>of();
            }
            Map<String, T> items = handler.load(claims.stream().map(DueWork.Claim::key).toList());
            claims.stream().filter(claim -> !items.containsKey(claim.key())).forEach(lost -> {
                LOG.severe(() -> kind.label() + " " + lost.key() + " is claimed but holds nothing to work on; given up");
                work.fail(kind, lost.key(), worker.id(), "nothing to work on was found", Optional.empty(), clock.now());
            });
            return claims.stream().filter(claim -> items.containsKey(claim.key()))
                    .map(claim -> new Claimed<>(claim, items.get(claim.key()))).toList();
        });
        AtomicInteger done = new AtomicInteger();
        int width = Math.max(1, Math.min(kindSettings.concurrency(), claimed.size()));
        Runnable[] laneWork = new Runnable[width];
        for (int lane = 0; lane < width; lane++) {
            int first = lane;
            laneWork[lane] = () -> {
                List<Done<T>> toRecord = new ArrayList<>();
                try {
                    for (int i = first; i < claimed.size(); i += width) {
                        Claimed<T> next = claimed.get(i);
                        run(handler, kindSettings.retry(), next.claim(), next.item())
                                .ifPresent(outcome -> toRecord.add(new Done<>(next.claim(), next.item(), outcome.note())));
                        if (toRecord.size() >= DONE_PER_TRANSACTION) {
                            done.addAndGet(recordDone(handler, toRecord));
                        }
                    }
                } finally {
                    done.addAndGet(recordDone(handler, toRecord));
                }
            };
        }
        if (width == 1) {
            laneWork[0].run();
        } else {
            List<CompletableFuture<Void>> running = java.util.Arrays.stream(laneWork)
                    .map(work -> CompletableFuture.runAsync(work, lanes)).toList();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        }
        return new Round(claimed.size(), done.get(), claimed.size() - done.get());
    }

    /** An item performed and done, its outcome not recorded yet. */
    private record Done<T>(DueWork.Claim claim, T item, Optional<String> note) {
    }

    /** Records the items done in one transaction and empties the list; answers how many were recorded. */
    private <T> int recordDone(DueWorkHandler<T> handler, List<Done<T>> toRecord) {
        if (toRecord.isEmpty()) {
            return 0;
        }
        WorkKind kind = handler.kind();
        tx.call(() -> {
            for (Done<T> item : toRecord) {
                if (work.complete(kind, item.claim().key(), worker.id(), item.note(), clock.now())) {
                    handler.completed(item.claim().key(), item.item());
                }
            }
            return null;
        });
        int recorded = toRecord.size();
        toRecord.clear();
        return recorded;
    }

    /** Performs the item: done (with its note, to be recorded by the caller), or its failure recorded here. */
    private <T> Optional<WorkOutcome.Done> run(DueWorkHandler<T> handler, RetryPolicy retry, DueWork.Claim claim, T item) {
        WorkKind kind = handler.kind();
        WorkOutcome outcome;
        try {
            outcome = handler.perform(item, claim.attempts());
        } catch (RuntimeException failure) {
            outcome = new WorkOutcome.RetryLater(failure.getClass().getSimpleName() + ": " + failure.getMessage(),
                    Duration.ZERO);
        }
        if (outcome instanceof WorkOutcome.Done completed) {
            return Optional.of(completed);
        }
        Instant now = clock.now();
        Optional<Instant> retryAt;
        String error;
        if (outcome instanceof WorkOutcome.RetryLater later) {
            retryAt = retry.nextAttempt(claim.attempts(), now, later.atLeast());
            error = later.error();
        } else {
            retryAt = Optional.empty();
            error = ((WorkOutcome.GiveUp) outcome).error();
        }
        LOG.log(retryAt.isPresent() ? Level.WARNING : Level.SEVERE, () -> kind.label() + " " + claim.key()
                + " failed on attempt " + claim.attempts() + retryAt.map(at -> "; retrying at " + at)
                        .orElse("; given up, waits for an operator") + ": " + error);
        tx.call(() -> {
            work.fail(kind, claim.key(), worker.id(), error, retryAt, now);
            return null;
        });
        return Optional.empty();
    }
}
