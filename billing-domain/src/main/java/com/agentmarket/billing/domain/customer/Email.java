package com.agentmarket.billing.domain.customer;

import com.agentmarket.billing.domain.shared.DomainViolation;

/** An e-mail address the customer can be notified at. Only its shape is checked; delivery proves the rest. */
public record Email(String value) {

    public Email {
        DomainViolation.require(value != null && value.length() <= 320, "e-mail must be at most 320 characters");
        int at = value.indexOf('@');
        DomainViolation.require(at > 0 && at == value.lastIndexOf('@') && at < value.length() - 1
                && value.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)),
                "not an e-mail address: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
