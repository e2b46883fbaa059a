package com.agentmarket.billing.application.webhook.port.in;

/**
 * Accepts a Stripe webhook delivery: verifies its signature over the exact bytes received and stores the event in
 * the inbox, answering at once; the processing happens later.
 */
public interface ReceiveWebhook {

    /** @throws com.agentmarket.billing.application.webhook.port.out.WebhookVerifier.InvalidWebhookException when refused */
    Receipt receive(byte[] payload, String signatureHeader);

    /** @param duplicate the event was stored before (a redelivery): nothing changed */
    record Receipt(String eventId, boolean duplicate) {
    }
}
