package com.agentmarket.billing.adapter.out.persistence.execution;

/**
 * How executions recorded at the same time share a database transaction (group commit).
 *
 * @param maxBatch the most executions written in one transaction; 1 writes each execution in its own transaction on
 *        the request's thread, with no queue
 * @param queueCapacity executions waiting for a writer beyond which the next one is answered 503 at once
 * @param writers threads writing batches side by side, each with one connection while it writes
 */
public record GroupCommitSettings(int maxBatch, int queueCapacity, int writers) {

    public GroupCommitSettings {
        if (maxBatch < 1 || queueCapacity < 1 || writers < 1) {
            throw new IllegalArgumentException("group commit needs a batch, a queue and a writer of at least 1: " + maxBatch
                    + ", " + queueCapacity + ", " + writers);
        }
    }

    /** Each execution in its own transaction, as the tests of the ledger's statements use it. */
    public static final GroupCommitSettings OFF = new GroupCommitSettings(1, 1, 1);

    public boolean enabled() {
        return maxBatch > 1;
    }

    @Override
    public String toString() {
        return enabled() ? "group commit of up to " + maxBatch + " executions (" + writers + " writers, queue " + queueCapacity
                + ")" : "group commit off";
    }
}
