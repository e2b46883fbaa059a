package com.agentmarket.billing.application.notification.port.in;

/** Sends the queued notifications that are due; called by a background job. */
public interface DeliverNotifications {

    /** @return how many were claimed (sent or failed) */
    int deliverDue();
}
