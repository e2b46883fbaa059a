package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.shared.InTransaction;
import com.agentmarket.billing.application.shared.WorkerIdentity;
import com.agentmarket.billing.application.shared.port.out.Clock;
import com.agentmarket.billing.application.work.DueWorkRunner;
import com.agentmarket.billing.application.work.DueWorkSettings;
import com.agentmarket.billing.application.work.RetryPolicy;
import com.agentmarket.billing.application.work.WorkKind;
import com.agentmarket.billing.application.work.WorkSettings;
import com.agentmarket.billing.application.work.port.out.DueWork;
import java.time.Duration;
import java.util.Map;

/** Due work as the use-case tests run it: one server, items of a round one after the other. */
public final class TestWork {

    private TestWork() {
    }

    /** The shipped defaults' shape, with the retry policy a test chooses per kind where it matters. */
    public static DueWorkSettings settings() {
        return new DueWorkSettings(Map.of(
                WorkKind.WEBHOOK_EVENT, new WorkSettings(Duration.ofMillis(500), 10, Duration.ofMinutes(5), 1,
                        new RetryPolicy(Duration.ofSeconds(30), 2, Duration.ofHours(1), 8)),
                WorkKind.NOTIFICATION, new WorkSettings(Duration.ofSeconds(1), 20, Duration.ofMinutes(2), 1,
                        new RetryPolicy(Duration.ofSeconds(30), 2, Duration.ofHours(1), 10)),
                WorkKind.USAGE_REPORT, new WorkSettings(Duration.ofSeconds(1), 500, Duration.ofMinutes(2), 8,
                        new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), RetryPolicy.UNLIMITED)),
                WorkKind.USAGE_RECONCILIATION, new WorkSettings(Duration.ofMinutes(5), 100, Duration.ofMinutes(2), 1,
                        new RetryPolicy(Duration.ofMinutes(1), 2, Duration.ofHours(1), RetryPolicy.UNLIMITED))));
    }

    public static DueWorkRunner runner(DueWork work, DueWorkSettings settings, Clock clock) {
        return new DueWorkRunner(work, settings, new InTransaction(), clock, new WorkerIdentity(), Runnable::run);
    }
}
