package com.agentmarket.billing.domain.plan;

/** The support a plan comes with, as the product guide names it. */
public enum SupportLevel {
    BASIC("Basic support"),
    EMAIL("Email support"),
    PRIORITY("Priority support"),
    DEDICATED("Dedicated support");

    private final String label;

    SupportLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
