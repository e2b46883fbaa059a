package com.agentmarket.billing.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.checkout.CheckoutOptions;
import com.agentmarket.billing.application.reconciliation.ReconciliationSettings;
import com.agentmarket.billing.application.work.RetryPolicy;
import com.agentmarket.billing.application.work.WorkKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Configuration is read once, into typed settings, and a value the application cannot use stops it at startup. */
class BillingConfigurationTest {

    private static BillingConfiguration with(Map<String, String> environment) {
        return new BillingConfiguration(new Variables(name -> Optional.ofNullable(environment.get(name))));
    }

    private static void refused(Map<String, String> environment, String message) {
        assertThatThrownBy(() -> with(environment)).isInstanceOf(Variables.InvalidConfiguration.class)
                .hasMessageContaining(message);
    }

    @Test
    void the_defaults_make_a_working_configuration() {
        BillingConfiguration configuration = with(Map.of());

        assertThat(configuration.workSettings().of(WorkKind.USAGE_REPORT).retry())
                .isEqualTo(new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), RetryPolicy.UNLIMITED));
        assertThat(configuration.workSettings().of(WorkKind.WEBHOOK_EVENT).retry())
                .isEqualTo(new RetryPolicy(Duration.ofSeconds(30), 2, Duration.ofHours(1), 8));
        assertThat(configuration.workSettings().of(WorkKind.NOTIFICATION).retry())
                .isEqualTo(new RetryPolicy(Duration.ofSeconds(30), 2, Duration.ofHours(1), 10));
        assertThat(configuration.stripeSettings().meterEventName()).isEqualTo("agent_execution");
        assertThat(configuration.stripeSettings().meterId()).as("looked up by event name").isEmpty();
        assertThat(configuration.mailSettings().port()).isEqualTo(25);
        assertThat(configuration.webhookLimits().maxBytes()).isEqualTo(1_048_576);
        assertThat(configuration.redirectPolicy().configured()).isFalse();
        assertThat(configuration.usageAlerts().percents()).containsExactly(80, 100);
        assertThat(configuration.checkoutOptions()).isEqualTo(new CheckoutOptions(0, false, false));
        assertThat(with(Map.of("BILLING_TRIAL_DAYS", "14", "BILLING_ALLOW_PROMOTION_CODES", "true",
                "BILLING_AUTOMATIC_TAX", "true")).checkoutOptions()).isEqualTo(new CheckoutOptions(14, true, true));
        assertThat(with(Map.of("BILLING_USAGE_ALERT_PERCENTS", "none")).usageAlerts().percents()).isEmpty();
    }

    @Test
    void values_are_read_into_their_settings() {
        BillingConfiguration configuration = with(Map.of("BILLING_USAGE_REPORT_CONCURRENCY", "3",
                "BILLING_WEBHOOK_MAX_ATTEMPTS", " 4 ", "STRIPE_WEBHOOK_SECRET", "whsec_a, whsec_b",
                "BILLING_OVERAGE", "bill", "BILLING_NOTIFICATION_RETRY_BASE_MS", "", "STRIPE_METER_ID", " mtr_test_61Q "));

        assertThat(configuration.workSettings().of(WorkKind.USAGE_REPORT).concurrency()).isEqualTo(3);
        assertThat(configuration.workSettings().of(WorkKind.WEBHOOK_EVENT).retry().maxAttempts()).isEqualTo(4);
        assertThat(configuration.stripeSettings().webhookSecrets()).containsExactly("whsec_a", "whsec_b");
        assertThat(configuration.stripeSettings().meterId()).contains("mtr_test_61Q");
        assertThat(configuration.quotaPolicy().toString()).contains("BILL");
        assertThat(configuration.workSettings().of(WorkKind.NOTIFICATION).retry().base())
                .as("empty means unset").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void values_that_worked_before_the_one_reader_still_do() {
        assertThat(with(Map.of("BILLING_SUSPEND_ON_PAYMENT_FAILURE", "1")).webhookSettings().suspendOnPaymentFailure())
                .isTrue();
        assertThat(with(Map.of("BILLING_WEBHOOK_RETRY_BASE_MS", "0")).workSettings().of(WorkKind.WEBHOOK_EVENT).retry()
                .delayAfter(3, Duration.ZERO)).isZero();
        assertThat(with(Map.of("BILLING_WEBHOOK_RETRY_BASE_MS", "7200000")).workSettings().of(WorkKind.WEBHOOK_EVENT).retry()
                .delayAfter(1, Duration.ZERO)).as("capped at an hour, as before").isEqualTo(Duration.ofHours(1));
        assertThat(with(Map.of("STRIPE_READ_TIMEOUT_MS", "0")).stripeSettings().readTimeoutMillis()).isZero();
    }

    @Test
    void a_malformed_number_stops_the_application_naming_the_variable() {
        refused(Map.of("BILLING_USAGE_BATCH_SIZE", "lots"), "BILLING_USAGE_BATCH_SIZE is 'lots', but must be a whole number");
        refused(Map.of("BILLING_WEBHOOK_MAX_ATTEMPTS", "0"), "BILLING_WEBHOOK_MAX_ATTEMPTS is '0'");
        refused(Map.of("SMTP_PORT", "99999"), "SMTP_PORT");
        refused(Map.of("BILLING_USAGE_RETRY_MAX_MS", "-10"), "BILLING_USAGE_RETRY_MAX_MS is '-10'");
    }

    @Test
    void a_malformed_origin_or_choice_stops_the_application_naming_the_variable() {
        refused(Map.of("BILLING_PUBLIC_URL", "billing.example.com"), "BILLING_PUBLIC_URL");
        refused(Map.of("BILLING_ALLOWED_REDIRECT_ORIGINS", "https://app.example.com,ftp://files"),
                "BILLING_ALLOWED_REDIRECT_ORIGINS");
        assertThatThrownBy(() -> with(Map.of("BILLING_PUBLIC_URL", "https://billing.example.com",
                "BILLING_ALLOWED_REDIRECT_ORIGINS", "ftp://files"))).hasMessageStartingWith("BILLING_ALLOWED_REDIRECT_ORIGINS");
        refused(Map.of("BILLING_OVERAGE", "sometimes"), "BILLING_OVERAGE is 'sometimes', but must be one of [block, bill]");
        refused(Map.of("BILLING_SUSPEND_ON_PAYMENT_FAILURE", "maybe"), "BILLING_SUSPEND_ON_PAYMENT_FAILURE");
        refused(Map.of("BILLING_USAGE_ALERT_PERCENTS", "80,lots"), "BILLING_USAGE_ALERT_PERCENTS");
        refused(Map.of("BILLING_USAGE_ALERT_PERCENTS", "0"), "BILLING_USAGE_ALERT_PERCENTS");
        refused(Map.of("BILLING_TRIAL_DAYS", "731"), "BILLING_TRIAL_DAYS is '731', but must be a whole number from 0 to 730");
    }

    @Test
    void reconciliation_reports_by_default_and_corrects_only_against_a_meter_named_by_its_id() {
        assertThat(with(Map.of()).reconciliationSettings().mode()).isEqualTo(ReconciliationSettings.Mode.REPORT);
        refused(Map.of("BILLING_RECONCILE_MODE", "sometimes"), "BILLING_RECONCILE_MODE");
        refused(Map.of("BILLING_RECONCILE_MODE", "correct"), "BILLING_RECONCILE_MODE=correct needs STRIPE_METER_ID");
        assertThat(with(Map.of("BILLING_RECONCILE_MODE", "correct", "STRIPE_METER_ID", "mtr_1")).reconciliationSettings()
                .mode()).isEqualTo(ReconciliationSettings.Mode.CORRECT);
    }
}
