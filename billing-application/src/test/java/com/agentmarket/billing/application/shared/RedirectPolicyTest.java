package com.agentmarket.billing.application.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.payment.GatewayMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectPolicyTest {

    private final RedirectPolicy policy = new RedirectPolicy("https://billing.example.org",
            List.of("https://app.example.com", "http://localhost:3000"), true);

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/billing/success",
            "https://APP.example.com:443/success?session_id={CHECKOUT_SESSION_ID}", "http://localhost:3000/cancel",
            "https://billing.example.org/success.html"})
    void urls_on_an_allowed_origin_are_accepted(String url) {
        assertThat(policy.check("success_url", url, GatewayMode.TEST)).isEqualTo(url);
    }

    @Test
    void without_configured_origins_only_the_services_public_origin_is_allowed() {
        RedirectPolicy sameOrigin = new RedirectPolicy("https://billing.example.org", List.of(), true);

        assertThat(sameOrigin.check("return_url", "https://billing.example.org/done", GatewayMode.TEST))
                .isEqualTo("https://billing.example.org/done");
        assertThatThrownBy(() -> sameOrigin.check("return_url", "https://app.example.com/", GatewayMode.TEST))
                .isInstanceOf(BillingRejection.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.net/phish", "http://app.example.com/success",
            "https://app.example.com:8443/x", "https://app.example.com@evil.example.net/", "javascript:alert(1)",
            "//app.example.com/success", "/relative", "https://app.example.com.evil.net/", "not a url", " "})
    void anything_else_is_an_open_redirect_and_refused(String url) {
        assertThatThrownBy(() -> policy.check("success_url", url, GatewayMode.TEST))
                .isInstanceOfSatisfying(BillingRejection.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.REDIRECT_NOT_ALLOWED))
                .hasMessageContaining("success_url");
    }

    @Test
    void a_live_key_with_the_public_url_left_at_its_default_redirects_nowhere_and_says_what_to_set() {
        RedirectPolicy defaulted = new RedirectPolicy("http://localhost:9080", List.of(), false);

        assertThat(defaulted.check("success_url", "http://localhost:9080/ok", GatewayMode.TEST)).isEqualTo("http://localhost:9080/ok");
        assertThatThrownBy(() -> defaulted.check("success_url", "http://localhost:9080/ok", GatewayMode.LIVE))
                .isInstanceOfSatisfying(BillingRejection.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.NOT_CONFIGURED))
                .hasMessageContaining("BILLING_PUBLIC_URL");
        assertThat(policy.check("success_url", "https://app.example.com/ok", GatewayMode.LIVE)).isNotNull();
        RedirectPolicy frontendOnly = new RedirectPolicy("http://localhost:9080", List.of("https://app.example.com"), false);
        assertThat(frontendOnly.check("success_url", "https://app.example.com/ok", GatewayMode.LIVE)).isNotNull();
        assertThatThrownBy(() -> frontendOnly.check("success_url", "http://localhost:9080/ok", GatewayMode.LIVE))
                .as("never the defaulted local address with a live key")
                .isInstanceOfSatisfying(BillingRejection.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.REDIRECT_NOT_ALLOWED));
    }

    @Test
    void a_malformed_public_url_or_origin_stops_the_service_at_startup() {
        assertThatThrownBy(() -> new RedirectPolicy("billing.example.org", List.of(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BILLING_PUBLIC_URL");
        assertThatThrownBy(() -> new RedirectPolicy("https://billing.example.org", List.of("app.example.com"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BILLING_ALLOWED_REDIRECT_ORIGINS");
    }
}
