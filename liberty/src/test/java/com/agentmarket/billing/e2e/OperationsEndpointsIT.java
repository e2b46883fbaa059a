package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** What operators and frontend developers rely on around the API: health, metrics, OpenAPI, CORS, Admin Center. */
class OperationsEndpointsIT {

    private static final String HTTPS = System.getProperty("e2e.https.url", "https://localhost:19443");

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
                .body("paths", hasKey("/api/v1/billing/plans"))
                .body("paths", hasKey("/api/v1/billing/subscription"))
                .body("paths", hasKey("/api/v1/billing/usage"))
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
    void readiness_shows_stripe_and_the_backlogs_without_depending_on_them() {
        api().get("/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("stripe"))
                .body("checks.name", hasItem("backlogs"))
                .body("checks.find { it.name == 'backlogs' }.data.usage_executions_unreported", notNullValue());
    }

    @Test
    void metrics_count_executions_and_quota_denials_and_show_the_backlogs() {
        double admittedBefore = metric("billing_executions_total", "outcome=\"admitted\"");
        double deniedBefore = metric("billing_executions_total", "outcome=\"quota_exceeded\"");
        String customer = E2e.newCustomerId();
        for (int i = 0; i <= 10; i++) {
            E2e.asCustomer(customer).contentType("application/json").body(java.util.Map.of("execution_id", "m-" + i))
                    .post("/api/v1/billing/executions").then().statusCode(i < 10 ? 201 : 402);
        }

        // Other tests run executions against the same server meanwhile: at least ours are counted.
        assertThat(metric("billing_executions_total", "outcome=\"admitted\"") - admittedBefore).isGreaterThanOrEqualTo(10);
        assertThat(metric("billing_executions_total", "outcome=\"quota_exceeded\"") - deniedBefore).isGreaterThanOrEqualTo(1);
        assertThat(api().get("/metrics?scope=application").then().statusCode(200).extract().asString())
                .contains("billing_usage_backlog_executions")
                .contains("billing_usage_backlog_age_seconds")
                .contains("billing_webhook_backlog_events")
                .contains("billing_webhook_events_dead");
    }

    /** A series' value from the Prometheus text, 0 when it does not exist yet. */
    private static double metric(String name, String label) {
        String text = api().get("/metrics?scope=application").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void the_admin_center_answers_on_https_and_only_the_configured_administrator_gets_in() {
        given().relaxedHTTPSValidation().baseUri(HTTPS).redirects().follow(true)
                .get("/adminCenter/").then().statusCode(200).body(containsString("Admin Center"));
        given().relaxedHTTPSValidation().baseUri(HTTPS)
                .auth().preemptive().basic("e2e-operator", "e2e-only-console-password")
                .get("/IBMJMXConnectorREST/mbeanServer").then().statusCode(200);
        given().relaxedHTTPSValidation().baseUri(HTTPS)
                .auth().preemptive().basic("e2e-operator", "not-the-password")
                .get("/IBMJMXConnectorREST/mbeanServer").then().statusCode(401);
        given().relaxedHTTPSValidation().baseUri(HTTPS)
                .get("/IBMJMXConnectorREST/mbeanServer").then().statusCode(401);
        given().relaxedHTTPSValidation().baseUri(HTTPS)
                .auth().oauth2(E2e.tokenInGroups("ops", "billing-admin"))
                .get("/api/v1/admin/customers").then().statusCode(200);
    }

    @Test
    void the_admin_center_form_login_lets_the_administrator_in_beside_mp_jwt_and_refuses_a_wrong_password() {
        String ltpa = adminCenterLogin("e2e-operator", "e2e-only-console-password")
                .then().statusCode(302).header("Location", endsWith("/adminCenter/"))
                .extract().cookie("LtpaToken2");
        assertThat(ltpa).as("the SSO cookie of a successful console login").isNotBlank();
        given().relaxedHTTPSValidation().baseUri(HTTPS).cookie("LtpaToken2", ltpa)
                .get("/adminCenter/").then().statusCode(200).body(containsString("toolbox"));

        Response refused = adminCenterLogin("e2e-operator", "guessed");
        refused.then().statusCode(302).header("Location", containsString("login-error"));
        assertThat(refused.getCookie("LtpaToken2")).as("no session for a wrong password").isNull();
    }

    /** The console's own login form, as a browser submits it: the page sets a CSRF cookie the form echoes. */
    private static Response adminCenterLogin(String user, String password) {
        Response page = given().relaxedHTTPSValidation().baseUri(HTTPS).redirects().follow(false).get("/adminCenter/login.jsp");
        return given().relaxedHTTPSValidation().baseUri(HTTPS).redirects().follow(false)
                .cookies(page.getCookies())
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password)
                .formParam("X-CSRF-Token", page.getCookie("csrfToken"))
                .post("/adminCenter/j_security_check");
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
