package com.agentmarket.billing.adapter.in.rest.shared;

import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.shared.DomainViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from the verified bearer token: {@code sub} is our customer id, {@code email} their address. */
@ApplicationScoped
public class Caller {

    private static final Logger LOG = Logger.getLogger(Caller.class.getName());

    private final JsonWebToken token;

    @Inject
    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** For CDI's client proxy. */
    protected Caller() {
        this.token = null;
    }

    public CustomerId customerId() {
        return new CustomerId(subject());
    }

    /** The token's subject as is: a customer's id, or an operator's or the platform backend's name (audit log). */
    public String subject() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new NotAuthorizedException("the token has no subject", "Bearer");
        }
        return subject;
    }

    /** The groups the token grants (MP-JWT's {@code groups} claim). */
    public java.util.Set<String> groups() {
        java.util.Set<String> groups = token.getGroups();
        return groups == null ? java.util.Set.of() : java.util.Set.copyOf(groups);
    }

    /** The e-mail the identity provider vouches for; a malformed claim is ignored rather than stored. */
    public Optional<Email> email() {
        Optional<String> claim = Optional.ofNullable(token.getClaim(Claims.email.name()));
        try {
            return claim.map(Email::new);
        } catch (DomainViolation malformed) {
            LOG.warning(() -> "Ignoring a malformed email claim in the token of " + token.getSubject());
            return Optional.empty();
        }
    }
}
