package com.agentmarket.billing.application.notification.port.out;

import com.agentmarket.billing.domain.customer.Email;

/** Delivers a message to a person (e-mail over SMTP in production). */
public interface Notifier {

    /** @throws NotificationFailedException when the message could not be handed over */
    void send(Email to, String subject, String body);

    class NotificationFailedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public NotificationFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
