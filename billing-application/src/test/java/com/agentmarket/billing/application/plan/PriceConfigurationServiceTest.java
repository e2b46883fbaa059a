package com.agentmarket.billing.application.plan;

import static com.agentmarket.billing.application.fakes.TestBilling.BASIC_PRICE;
import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.PriceDescription;
import com.agentmarket.billing.application.plan.port.in.CheckPriceConfiguration.Report;
import com.agentmarket.billing.application.plan.port.in.CheckPriceConfiguration.Status;
import com.agentmarket.billing.domain.shared.Money;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriceConfigurationServiceTest {

    private final TestBilling billing = new TestBilling();
    private final PriceConfigurationService service = new PriceConfigurationService(billing.catalog, billing.stripe);

    @Test
    void prices_that_sell_their_tier_as_the_catalog_says_match() {
        billing.stripe.hasPrice(new PriceDescription(BASIC_PRICE, Optional.of(Money.usd(2900)), Optional.of("month"), true));
        billing.stripe.hasPrice(new PriceDescription(PRO_PRICE, Optional.of(Money.usd(9900)), Optional.of("month"), true));

        assertThat(service.check()).isEqualTo(new Report(Status.MATCHES, java.util.List.of(), GatewayMode.TEST));
    }

    @Test
    void a_wrong_amount_interval_archived_or_missing_price_is_reported_by_name() {
        billing.stripe.hasPrice(new PriceDescription(BASIC_PRICE, Optional.of(Money.usd(9900)), Optional.of("year"), false));

        Report report = service.check();

        assertThat(report.status()).isEqualTo(Status.MISMATCH);
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("STRIPE_PRICE_BASIC", "costs"))
                .anySatisfy(p -> assertThat(p).contains("recurs every year"))
                .anySatisfy(p -> assertThat(p).contains("archived"))
                .anySatisfy(p -> assertThat(p).contains("STRIPE_PRICE_PRO", "does not exist"));
    }

    @Test
    void without_stripe_the_check_says_so_instead_of_failing() {
        billing.stripe.failNextCallWith(new PaymentGatewayException.Unavailable("Stripe cannot be reached.",
                Duration.ofSeconds(5), null));
        assertThat(service.check().status()).isEqualTo(Status.STRIPE_UNAVAILABLE);

        billing.stripe.runsIn(GatewayMode.NOT_CONFIGURED);
        assertThat(service.check().status()).isEqualTo(Status.NOT_CONFIGURED);
    }

    @Test
    void the_last_answer_is_kept_for_the_health_check() {
        assertThat(service.lastReport()).isEmpty();
        billing.stripe.runsIn(GatewayMode.NOT_CONFIGURED);

        Report report = service.check();

        assertThat(service.lastReport()).contains(report);
    }
}
