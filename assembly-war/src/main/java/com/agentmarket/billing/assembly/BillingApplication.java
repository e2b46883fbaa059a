package com.agentmarket.billing.assembly;

import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The billing API under {@code /api/v1}, secured by MicroProfile JWT bearer tokens whose groups are the roles. */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Groups.CUSTOMER, Groups.RECORDER, Groups.ADMIN})
@OpenAPIDefinition(info = @Info(title = "Agent Marketplace billing API", version = "1",
        description = "Plans, subscriptions through Stripe, metered agent executions and monthly quotas. Errors are "
                + "application/problem+json (RFC 9457)."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT from the platform's identity provider: `sub` is the customer id, `groups` holds "
                + "customer, billing-recorder or billing-admin.")
public class BillingApplication extends Application {
}
