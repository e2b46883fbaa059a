package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.customerToken;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call what, on the deployed WAR with real tokens. */
class SecurityIT {

    @Test
    void without_a_token_a_customer_endpoint_answers_401_as_a_problem() {
        api().get("/api/v1/billing/subscription").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", endsWith("unauthenticated"))
                .body("status", equalTo(401));
        api().get("/api/v1/billing/usage").then().statusCode(401);
    }

    @Test
    void a_token_of_the_wrong_group_answers_403_as_a_problem() {
        api().auth().oauth2(tokenInGroups(newCustomerId(), "billing-recorder"))
                .get("/api/v1/billing/subscription").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("forbidden"));
        api().auth().oauth2(tokenInGroups("operator_1", "billing-admin"))
                .get("/api/v1/billing/usage").then()
                .statusCode(403);
    }

    @Test
    void a_customer_token_is_let_in() {
        api().auth().oauth2(tokenInGroups(newCustomerId(), "customer"))
                .get("/api/v1/billing/subscription").then()
                .statusCode(200);
    }

    @Test
    void me_answers_the_verified_tokens_subject_and_groups_and_needs_a_token() {
        String customer = newCustomerId();
        api().auth().oauth2(customerToken(customer)).get("/api/v1/me").then()
                .statusCode(200)
                .body("subject", equalTo(customer))
                .body("email", equalTo(customer + "@example.com"))
                .body("groups", org.hamcrest.Matchers.contains("customer"));
        api().auth().oauth2(tokenInGroups("ops_me", "billing-admin")).get("/api/v1/me").then()
                .statusCode(200).body("groups", org.hamcrest.Matchers.contains("billing-admin"));
        api().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void a_token_signed_by_another_key_is_refused(@TempDir Path elsewhere) throws Exception {
        DevTokens.generateKeyPair(elsewhere);
        String forged = DevTokens.fromDirectory(elsewhere).mint(newCustomerId(), List.of("customer"), null);
        Files.deleteIfExists(elsewhere.resolve("private.pem"));

        api().auth().oauth2(forged).get("/api/v1/billing/subscription").then().statusCode(401);
    }

    @Test
    void an_expired_token_or_one_for_another_issuer_or_audience_is_refused() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> expired = claims(now - 7200, now - 3600, "agent-marketplace-dev", "billing");
        Map<String, Object> foreignIssuer = claims(now, now + 600, "someone-else", "billing");
        Map<String, Object> foreignAudience = claims(now, now + 600, "agent-marketplace-dev", "another-service");

        for (Map<String, Object> claims : List.of(expired, foreignIssuer, foreignAudience)) {
            api().auth().oauth2(E2e.tokens().sign(claims)).get("/api/v1/billing/usage").then().statusCode(401);
        }
    }

    private static Map<String, Object> claims(long issuedAt, long expires, String issuer, String audience) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", newCustomerId());
        claims.put("groups", List.of("customer"));
        claims.put("iat", issuedAt);
        claims.put("exp", expires);
        return claims;
    }

    @Test
    void the_plans_are_public() {
        api().get("/api/v1/billing/plans").then().statusCode(200);
    }
}
