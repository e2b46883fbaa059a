package com.agentmarket.billing.application.fakes;

import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import java.util.ArrayList;
import java.util.List;

public class InMemoryAuditTrail implements AuditTrail {

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void record(Entry entry) {
        entries.add(entry);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
