package com.agentmarket.billing.domain.usage;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.util.regex.Pattern;

/** The platform's id for one agent execution; recording the same id twice counts it once. */
public record ExecutionId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    public ExecutionId {
        DomainViolation.require(value != null && SHAPE.matcher(value).matches(),
                "an execution id is 1 to 128 letters, digits or . _ : -");
    }

    @Override
    public String toString() {
        return value;
    }
}
