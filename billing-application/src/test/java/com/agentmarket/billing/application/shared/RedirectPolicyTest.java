package com.agentmarket.billing.application.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectPolicyTest {

    private final RedirectPolicy policy = new RedirectPolicy(List.of("https://app.example.com", "http://localhost:3000"));

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/billing/success",
            "https://APP.example.com:443/success?session_id={CHECKOUT_SESSION_ID}", "http://localhost:3000/cancel"})
    void urls_on_an_allowed_origin_are_accepted(String url) {
        assertThat(policy.check("success_url", url, "https://billing.example.org")).isEqualTo(url);
    }

    @org.junit.jupiter.api.Test
    void without_configured_origins_only_the_services_own_origin_is_allowed() {
        RedirectPolicy sameOrigin = new RedirectPolicy(List.of());

        assertThat(sameOrigin.check("return_url", "https://billing.example.org/done", "https://billing.example.org"))
                .isEqualTo("https://billing.example.org/done");
        assertThatThrownBy(() -> sameOrigin.check("return_url", "https://app.example.com/", "https://billing.example.org"))
                .isInstanceOf(BillingRejection.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.net/phish", "http://app.example.com/success",
            "https://app.example.com:8443/x", "https://app.example.com@evil.example.net/", "javascript:alert(1)",
            "//app.example.com/success", "/relative", "https://app.example.com.evil.net/", "not a url", " "})
    void anything_else_is_an_open_redirect_and_refused(String url) {
        assertThatThrownBy(() -> policy.check("success_url", url, "https://billing.example.org"))
                .isInstanceOfSatisfying(BillingRejection.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.REDIRECT_NOT_ALLOWED))
                .hasMessageContaining("success_url");
    }
}
