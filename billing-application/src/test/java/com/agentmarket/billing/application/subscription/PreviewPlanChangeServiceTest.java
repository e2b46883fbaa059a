package com.agentmarket.billing.application.subscription;

import static com.agentmarket.billing.application.fakes.TestBilling.BASIC_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.PERIOD;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.payment.port.out.InvoicePreviewRequest;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.subscription.port.in.PlanChangePreview;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

class PreviewPlanChangeServiceTest {

    private final TestBilling billing = new TestBilling();
    private final PreviewPlanChangeService service = new PreviewPlanChangeService(billing.customers, billing.current,
            billing.catalog, billing.stripe, new com.agentmarket.billing.application.checkout.CheckoutOptions(0, false, true),
            billing.tx, billing.clock);

    private static void rejected(Runnable call, BillingRejection.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BillingRejection.class,
                rejection -> assertThat(rejection.reason()).isEqualTo(reason));
    }

    @Test
    void an_upgrade_takes_effect_now_with_the_proration_due_at_once_and_the_new_price_next() {
        CustomerId jane = billing.subscriber("user_42", BASIC_PRICE, SubscriptionStatus.ACTIVE);
        billing.stripe.previews(PRO_PRICE, true, Money.usd(4335));
        billing.stripe.previews(PRO_PRICE, false, Money.usd(9900));

        PlanChangePreview preview = service.preview(jane, PRO_PRICE);

        assertThat(preview.effective()).isEqualTo(PlanChangePreview.Effective.NOW);
        assertThat(preview.plan().id()).isEqualTo(PlanId.PRO);
        assertThat(preview.amountDueNow()).isEqualTo(Money.usd(4335));
        assertThat(preview.nextInvoiceAmount()).isEqualTo(Money.usd(9900));
        assertThat(preview.nextInvoiceAt()).isEqualTo(PERIOD.end());
        assertThat(billing.stripe.previewRequests()).extracting(InvoicePreviewRequest::prorateNow).containsExactly(false, true);
        assertThat(billing.stripe.previewRequests()).allSatisfy(request -> {
            assertThat(request.price()).isEqualTo(PRO_PRICE);
            assertThat(request.item().value()).isEqualTo("si_user_42");
            assertThat(request.automaticTax()).as("Stripe Tax is on in this service's options").isTrue();
        });
    }

    @Test
    void a_downgrade_waits_for_the_period_end_and_nothing_is_due_now() {
        CustomerId jane = billing.subscriber("user_42", PRO_PRICE, SubscriptionStatus.ACTIVE);
        billing.stripe.previews(BASIC_PRICE, false, Money.usd(2900));

        PlanChangePreview preview = service.preview(jane, BASIC_PRICE);

        assertThat(preview.effective()).isEqualTo(PlanChangePreview.Effective.PERIOD_END);
        assertThat(preview.amountDueNow()).isEqualTo(Money.usd(0));
        assertThat(preview.nextInvoiceAmount()).isEqualTo(Money.usd(2900));
        assertThat(billing.stripe.previewRequests()).extracting(InvoicePreviewRequest::prorateNow).containsExactly(false);
    }

    @Test
    void a_customer_on_free_is_sent_to_checkout_and_a_price_not_on_sale_is_refused() {
        rejected(() -> service.preview(new CustomerId("user_free"), PRO_PRICE), BillingRejection.Reason.NOT_SUBSCRIBED);
        CustomerId jane = billing.subscriber("user_42", BASIC_PRICE, SubscriptionStatus.ACTIVE);
        rejected(() -> service.preview(jane, new PriceId("price_elsewhere")), BillingRejection.Reason.UNKNOWN_PRICE);
        assertThat(billing.stripe.previewRequests()).isEmpty();
    }
}
