package com.agentmarket.billing.adapter.out.persistence.work;

import com.agentmarket.billing.application.work.WorkKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where one kind of due work lives: its table, the columns every kind has under its own name, and its words for the
 * states. Every such table also has {@code attempts}, {@code next_attempt_at}, {@code claimed_by} and
 * {@code claimed_until}.
 *
 * @param status the column of the item's state
 * @param order the column that decides which due item comes first
 * @param note the column for the last error (and, once done, the outcome)
 * @param queuedAt when an item was queued (its age in backlogs)
 * @param doneAt when it was done
 * @param group items of one group are in flight one at a time (usage reports: one Stripe call per customer)
 * @param waiting the state of a queued item; {@code retrying} that of a failed one due again (may be the same word)
 */
record WorkTable(String table, String key, String status, String order, String note, int noteLength, String queuedAt, String doneAt,
        Optional<String> group, String waiting, String retrying, String done, String dead) {

    static final Map<WorkKind, WorkTable> BY_KIND = byKind();

    private static Map<WorkKind, WorkTable> byKind() {
        Map<WorkKind, WorkTable> tables = new EnumMap<>(WorkKind.class);
        tables.put(WorkKind.WEBHOOK_EVENT, new WorkTable("webhook_event", "event_id", "status", "stripe_created", "outcome", 2000,
                "received_at", "processed_at", Optional.empty(), "RECEIVED", "RETRYING", "PROCESSED", "DEAD"));
        tables.put(WorkKind.NOTIFICATION, new WorkTable("notification", "notification_key", "status", "created_at", "last_error", 1000,
                "created_at", "sent_at", Optional.empty(), "PENDING", "PENDING", "SENT", "FAILED"));
        tables.put(WorkKind.USAGE_REPORT, new WorkTable("usage_report", "batch_id", "state", "created_at", "last_error", 1000,
                "created_at", "sent_at", Optional.of("customer_id"), "PENDING", "PENDING", "SENT", "FAILED"));
        tables.put(WorkKind.USAGE_RECONCILIATION, new WorkTable("usage_window", "window_key", "state", "window_hour",
                "last_error", 1000, "queued_at", "checked_at", Optional.empty(), "PENDING", "PENDING", "CHECKED", "FAILED"));
        return tables;
    }

    /** The open states, quoted for SQL. */
    String open() {
        return waiting.equals(retrying) ? "'" + waiting + "'" : "'" + waiting + "', '" + retrying + "'";
    }

    String shorten(String text) {
        return text.length() > noteLength ? text.substring(0, noteLength) : text;
    }
}
