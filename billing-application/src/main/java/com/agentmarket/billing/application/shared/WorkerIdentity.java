package com.agentmarket.billing.application.shared;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This server's name when it claims work (inbox events, notifications) shared with other servers. */
@ApplicationScoped
public class WorkerIdentity {

    private final String id = "worker-" + UUID.randomUUID();

    public String id() {
        return id;
    }
}
