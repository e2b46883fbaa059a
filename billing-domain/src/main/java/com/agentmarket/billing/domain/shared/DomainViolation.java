package com.agentmarket.billing.domain.shared;

/**
 * A value or an operation that the billing model does not allow. Thrown by constructors and factories so that an
 * invalid object can never exist.
 */
public class DomainViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DomainViolation(String message) {
        super(message);
    }

    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new DomainViolation(message);
        }
    }
}
