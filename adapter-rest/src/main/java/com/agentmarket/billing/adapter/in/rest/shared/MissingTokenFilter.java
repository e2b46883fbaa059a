package com.agentmarket.billing.adapter.in.rest.shared;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * A request without a bearer token to a protected endpoint gets its 401 as problem+json. (A token that is present
 * but invalid is refused by Liberty's MP-JWT layer before the application sees it.)
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class MissingTokenFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        boolean protectedEndpoint = resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(RolesAllowed.class)
                        || resource.getResourceClass().isAnnotationPresent(RolesAllowed.class));
        if (protectedEndpoint && request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(Response.fromResponse(Problem.of(ProblemType.UNAUTHENTICATED,
                            "Send a valid bearer token in the Authorization header.").toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build());
        }
    }
}
