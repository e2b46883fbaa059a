package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

/** What operators and frontend developers rely on around the API: health, OpenAPI, CORS, errors. */
class OperationsEndpointsIT {

    @Test
    void readiness_reports_the_database() {
        api().get("/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
    }

    @Test
    void the_openapi_document_describes_every_endpoint() {
        api().accept("application/json").get("/openapi").then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/billing/plans"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/billing/subscription"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/billing/usage"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
        api().get("/openapi/ui/").then().statusCode(200).body(containsString("html"));
    }

    @Test
    void the_configured_frontend_origin_may_call_the_api_and_others_may_not() {
        api().header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/v1/billing/subscription").then()
                .header("Access-Control-Allow-Origin", equalTo("https://app.example.com"));
        api().header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/v1/billing/subscription").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void an_unknown_path_answers_404_as_a_problem() {
        api().get("/api/v1/billing/nothing-here").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", endsWith("not-found"))
                .body("status", equalTo(404));
    }

    @Test
    void a_wrong_method_answers_405_as_a_problem() {
        api().delete("/api/v1/billing/plans").then()
                .statusCode(405)
                .contentType("application/problem+json");
    }
}
