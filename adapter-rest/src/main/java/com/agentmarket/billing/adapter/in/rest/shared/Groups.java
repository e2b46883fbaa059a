package com.agentmarket.billing.adapter.in.rest.shared;

/** The JWT {@code groups} the API knows (CONTRACT.md), used as role names. */
public final class Groups {

    /** End users, acting for themselves ({@code sub} is the customer id). */
    public static final String CUSTOMER = "customer";
    /** The platform's backend: records executions for any customer. */
    public static final String RECORDER = "billing-recorder";
    /** Operators. */
    public static final String ADMIN = "billing-admin";

    private Groups() {
    }
}
