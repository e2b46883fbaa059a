package com.agentmarket.billing.application.work;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What became of one attempt at a piece of due work. */
public sealed interface WorkOutcome {

    /** Done for good; {@code note} says how, for operators (e.g. why an event was ignored). */
    record Done(Optional<String> note) implements WorkOutcome {

        public Done {
            Objects.requireNonNull(note, "note");
        }
    }

    /** Failed for now: try again as the kind's retry policy says, and not before {@code atLeast}. */
    record RetryLater(String error, Duration atLeast) implements WorkOutcome {

        public RetryLater {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(atLeast, "atLeast");
        }
    }

    /** Cannot succeed by trying again (refused for good): left for an operator at once. */
    record GiveUp(String error) implements WorkOutcome {

        public GiveUp {
            Objects.requireNonNull(error, "error");
        }
    }

    static WorkOutcome done() {
        return new Done(Optional.empty());
    }
}
