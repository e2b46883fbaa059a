package com.agentmarket.billing.application.webhook.port.in;

/** Processes the inbox events that are due; called by background workers, possibly on several servers at once. */
public interface ProcessWebhookEvents {

    /** @return how many events were claimed */
    int processDue();
}
