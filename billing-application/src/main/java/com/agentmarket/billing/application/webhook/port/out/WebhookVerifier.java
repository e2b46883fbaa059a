package com.agentmarket.billing.application.webhook.port.out;

/** Checks that a webhook body is Stripe's, signed with one of our endpoint secrets, and recent. */
public interface WebhookVerifier {

    /**
     * @param payload the request body exactly as received
     * @throws InvalidWebhookException when the signature is missing, forged, stale, or the body is not an event
     */
    VerifiedEvent verify(byte[] payload, String signatureHeader);

    /** Why a webhook was refused; never says which secret was tried. */
    class InvalidWebhookException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public InvalidWebhookException(String message) {
            super(message);
        }
    }
}
