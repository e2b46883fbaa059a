package com.agentmarket.billing.application.payment;

import static com.agentmarket.billing.application.fakes.TestBilling.APP;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

class PaymentAccountServiceTest {

    private final TestBilling billing = new TestBilling();
    private final PaymentAccountService service = new PaymentAccountService(billing.customers, billing.stripe,
            billing.redirects, billing.journal, billing.tx);

    @Test
    void a_customer_unknown_to_stripe_has_no_payment_methods_or_invoices_and_stripe_is_not_asked() {
        CustomerId newcomer = new CustomerId("newcomer");

        assertThat(service.paymentMethods(newcomer)).isEmpty();
        assertThat(service.invoices(newcomer, 10)).isEmpty();
    }

    @Test
    void a_subscriber_sees_the_payment_methods_stripe_keeps() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        assertThat(service.paymentMethods(jane)).singleElement()
                .satisfies(method -> assertThat(method.card().orElseThrow().last4()).isEqualTo("4242"));
    }

    @Test
    void the_invoice_limit_is_one_to_a_hundred() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        assertThatThrownBy(() -> service.invoices(jane, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.invoices(jane, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(service.invoices(jane, 100)).isEmpty();
    }

    @Test
    void each_portal_visit_is_its_own_action_returning_to_an_allowed_origin() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        String first = service.portalUrl(jane, APP + "/account");
        String second = service.portalUrl(jane, APP + "/account");

        assertThat(first).startsWith("https://billing.stripe.com/").isNotEqualTo(second);
        assertThat(billing.stripe.writes("createPortalSession")).extracting(w -> w.idempotencyKey()).doesNotHaveDuplicates();
    }

    @Test
    void the_portal_refuses_foreign_return_urls_and_customers_without_a_billing_account() {
        CustomerId jane = billing.subscriber("jane", PRO_PRICE, SubscriptionStatus.ACTIVE);

        assertThatThrownBy(() -> service.portalUrl(jane, "https://evil.example.net/"))
                .isInstanceOfSatisfying(BillingRejection.class, rejection ->
                        assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.REDIRECT_NOT_ALLOWED));
        assertThatThrownBy(() -> service.portalUrl(new CustomerId("newcomer"), APP + "/account"))
                .isInstanceOfSatisfying(BillingRejection.class, rejection ->
                        assertThat(rejection.reason()).isEqualTo(BillingRejection.Reason.NOT_FOUND));
        assertThat(billing.stripe.writes()).isEmpty();
    }
}
