package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.customerToken;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.google.gson.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The pricing page's purchase flow in a real browser, with Stripe's hosted Checkout played by the stub. */
class PricingPageBrowserIT {

    @Test
    void choosing_a_plan_lands_on_stripes_checkout_and_the_success_page_confirms_the_subscription() {
        String customer = newCustomerId();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        String stripeCustomer = "cus_web" + suffix;
        String session = "cs_test_web" + suffix;
        String subscription = "sub_web" + suffix;
        String checkoutPage = "http://localhost:" + stripe().port() + "/checkout-page/" + session;
        stripe().stubFor(post(urlEqualTo("/v1/customers")).withFormParam("metadata[customer_id]", WireMock.equalTo(customer))
                .willReturn(okJson(StripeFixtures.customer(stripeCustomer, customer + "@example.com").toString())));
        JsonObject open = StripeFixtures.checkoutSession(session, stripeCustomer, customer, null, false);
        open.addProperty("url", checkoutPage);
        stripe().stubFor(post(urlEqualTo("/v1/checkout/sessions")).withFormParam("client_reference_id", WireMock.equalTo(customer))
                .willReturn(okJson(open.toString())));
        stripe().stubFor(get(urlEqualTo("/checkout-page/" + session)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>Stripe Checkout (stub)</title></head><body><h1>Pay Agent Marketplace</h1></body></html>")));

        try (Browser browser = new Browser()) {
            browser.open("/");
            browser.await(d -> d.findElements(By.cssSelector("article.plan")).size() == 4);
            browser.driver.findElement(By.id("token")).sendKeys(customerToken(customer));
            browser.driver.findElement(By.cssSelector("#token-form button")).click();
            browser.screenshot("pricing-page");

            browser.driver.findElement(By.cssSelector("article[data-plan='pro'] button")).click();
            browser.await(d -> d.getCurrentUrl().equals(checkoutPage));
            assertThat(browser.driver.getTitle()).isEqualTo("Stripe Checkout (stub)");
            browser.screenshot("stripe-checkout-stub");

            long start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toEpochSecond();
            stripe().stubFor(get(urlEqualTo("/v1/checkout/sessions/" + session)).willReturn(okJson(
                    StripeFixtures.checkoutSession(session, stripeCustomer, customer, subscription, true).toString())));
            stripe().stubFor(get(urlEqualTo("/v1/subscriptions/" + subscription)).willReturn(okJson(StripeFixtures.subscriptionOf(
                    subscription, stripeCustomer, customer, StripeFixtures.PRO_PRICE, "active", false, start,
                    start + 2_592_000).toString())));
            browser.open("/success.html?session_id=" + session);
            browser.await(d -> d.findElement(By.cssSelector("[data-field='plan']")).getText().contains("Pro"));
            assertThat(browser.driver.findElement(By.cssSelector("[data-field='status']")).getText()).isEqualTo("active");
            browser.screenshot("checkout-success");
        }
    }
}
