package com.agentmarket.billing.application.work;

import java.util.EnumMap;
import java.util.Map;

/** The settings of every kind of due work, read once from configuration. */
public record DueWorkSettings(Map<WorkKind, WorkSettings> byKind) {

    public DueWorkSettings {
        byKind = Map.copyOf(byKind);
        for (WorkKind kind : WorkKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalArgumentException("no settings for " + kind);
            }
        }
    }

    public WorkSettings of(WorkKind kind) {
        return byKind.get(kind);
    }

    /** A copy with one kind's settings replaced. */
    public DueWorkSettings with(WorkKind kind, WorkSettings settings) {
        Map<WorkKind, WorkSettings> changed = new EnumMap<>(byKind);
        changed.put(kind, settings);
        return new DueWorkSettings(changed);
    }
}
