package com.agentmarket.billing.assembly;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.Executor;

/** The server's managed executor, for use cases that run work side by side (container threads, with context). */
@ApplicationScoped
class ManagedExecutors {

    @Resource
    ManagedExecutorService executor;

    @Produces
    Executor executor() {
        return executor;
    }
}
