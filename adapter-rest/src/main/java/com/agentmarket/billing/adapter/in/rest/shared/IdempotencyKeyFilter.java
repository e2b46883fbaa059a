package com.agentmarket.billing.adapter.in.rest.shared;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Every POST takes an {@code Idempotency-Key} the same way: when sent, it must be one key of 1 to 255 visible ASCII
 * characters (as Stripe accepts for its own keys), or the request is refused with 400 before anything happens.
 * What a key then does is each endpoint's (see {@link RequestContext#clientKey}).
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class IdempotencyKeyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return;
        }
        List<String> keys = request.getHeaders().get(RequestContext.IDEMPOTENCY_KEY);
        if (keys != null && (keys.size() != 1 || !RequestContext.isWellFormedKey(keys.get(0)))) {
            request.abortWith(Problem.of(ProblemType.INVALID_REQUEST, "Idempotency-Key must be one key of 1 to 255 "
                    + "visible ASCII characters.").toResponse());
        }
    }
}
