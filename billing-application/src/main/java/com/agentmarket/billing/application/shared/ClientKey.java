package com.agentmarket.billing.application.shared;

import java.util.Objects;

/**
 * A caller's {@code Idempotency-Key}, with who sent it: keys belong to the caller (a token's subject), so two callers
 * choosing the same key never meet.
 */
public record ClientKey(String caller, String key) {

    public ClientKey {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(key, "key");
    }

    /** The key within the caller's scope, as a fixed-length digest fit for storage. */
    public String scoped() {
        return Fingerprint.of(caller, key);
    }
}
