package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where Stripe may send a customer back to comes from configuration only: the e2e server sets neither
 * {@code BILLING_PUBLIC_URL} nor {@code BILLING_ALLOWED_REDIRECT_ORIGINS}, so only its default public origin
 * (http://localhost:${HTTP_PORT}) is allowed, whatever the request's headers claim.
 */
class RedirectOriginsIT {

    private final String customer = newCustomerId();

    private RequestSpecification claiming(String header, String value) {
        return asCustomer(customer).header(header, value);
    }

    @ParameterizedTest
    @CsvSource({"Host, evil.example", "X-Forwarded-Host, evil.example", "Forwarded, host=evil.example;proto=http"})
    void request_headers_never_widen_the_allowed_origins(String header, String value) {
        claiming(header, value).contentType("application/json")
                .body(Map.of("price_id", E2e.PRO_PRICE, "success_url", "http://evil.example/ok",
                        "cancel_url", "http://evil.example/no"))
                .post("/api/v1/billing/checkout/session").then()
                .statusCode(400).contentType("application/problem+json").body("type", endsWith("redirect-not-allowed"))
                .body("detail", containsString("http://localhost:"));
        claiming(header, value).queryParam("return_url", "http://evil.example/account").get("/api/v1/billing/portal").then()
                .statusCode(400).contentType("application/problem+json").body("type", endsWith("redirect-not-allowed"));
    }
}
