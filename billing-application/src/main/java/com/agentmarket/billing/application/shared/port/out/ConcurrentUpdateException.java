package com.agentmarket.billing.application.shared.port.out;

/** Another writer changed the same record since it was read; the caller's change was not stored. */
public class ConcurrentUpdateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
