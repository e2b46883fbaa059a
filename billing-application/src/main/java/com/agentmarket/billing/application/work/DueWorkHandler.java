package com.agentmarket.billing.application.work;

import java.util.Collection;
import java.util.Map;

/**
 * What one kind of due work does with a claimed item. The {@link DueWorkRunner} claims, calls and records; the
 * handler only knows its own kind.
 *
 * @param <T> what an item carries (an event, a message, a report)
 */
public interface DueWorkHandler<T> {

    WorkKind kind();

    /** The claimed items' contents, by key; runs in the claim's transaction. */
    Map<String, T> load(Collection<String> keys);

    /**
     * Does the work, outside any transaction (it may call Stripe or a mail server). A runtime exception counts as
     * {@link WorkOutcome.RetryLater}.
     *
     * @param attempts the attempts made at this item, this one included
     */
    WorkOutcome perform(T item, int attempts);

    /** Follow-up of a completed item, in the transaction that records it done (and only if the claim still held). */
    default void completed(String key, T item) {
    }
}
