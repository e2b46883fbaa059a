package com.agentmarket.billing.adapter.in.rest.shared;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A verified bearer token as MP-JWT hands it to the application: only its claims. */
record Token(Map<String, Object> claims) implements JsonWebToken {

    @Override
    public String getName() {
        return (String) claims.get("upn");
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }
}
