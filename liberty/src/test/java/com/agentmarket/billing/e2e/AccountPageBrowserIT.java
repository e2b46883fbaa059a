package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.METERED_PRICE;
import static com.agentmarket.billing.e2e.E2e.PRO_PRICE;
import static com.agentmarket.billing.e2e.E2e.customerToken;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.payingCustomer;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The customer's billing page in a real browser: what a paying customer sees, cancelling at period end and resuming,
 * and a customer on Free sent to the pricing page. Stripe is the stub, answering for this test's own ids.
 */
class AccountPageBrowserIT {

    /** A Pro customer linked to Stripe (see {@link E2e#payingCustomer}), with what Stripe answers about it. */
    private static final class ProCustomer {

        final String customer = newCustomerId();
        final String subscription;
        final String stripeCustomer;
        final long periodStart;
        final long periodEnd;

        ProCustomer(long usedThisPeriod) {
            payingCustomer(customer, "PRO", usedThisPeriod);
            subscription = E2e.text("select stripe_subscription_id from customer where id = ?", customer);
            stripeCustomer = E2e.text("select stripe_customer_id from customer where id = ?", customer);
            periodStart = Long.parseLong(E2e.text(
                    "select extract(epoch from current_period_start)::bigint from subscription where id = ?", subscription));
            periodEnd = Long.parseLong(E2e.text(
                    "select extract(epoch from current_period_end)::bigint from subscription where id = ?", subscription));
        }

        /** The subscription as Stripe has it: Pro and the metered overage item, over the period we stored. */
        String subscriptionJson(boolean cancelAtPeriodEnd) {
            JsonObject json = StripeFixtures.subscriptionOf(subscription, stripeCustomer, customer, PRO_PRICE, "active",
                    cancelAtPeriodEnd, periodStart, periodEnd);
            json.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject()
                    .addProperty("id", "si_pay" + Math.abs(customer.hashCode()));
            return StripeFixtures.withItem(json, "si_paym" + Math.abs(customer.hashCode()), METERED_PRICE).toString();
        }

        void stripeHasSubscription(boolean cancelAtPeriodEnd) {
            stripe().stubFor(get(urlEqualTo("/v1/subscriptions/" + subscription))
                    .willReturn(okJson(subscriptionJson(cancelAtPeriodEnd))));
        }

        void stripeHasInvoiceAndCard(String invoiceId) {
            JsonObject invoice = StripeFixtures.invoice();
            invoice.addProperty("id", invoiceId);
            invoice.addProperty("customer", stripeCustomer);
            invoice.addProperty("invoice_pdf", "https://pay.stripe.com/invoice/acct_TSvcPlatform0001/test_" + invoiceId + "/pdf");
            stripe().stubFor(get(urlPathEqualTo("/v1/invoices")).withQueryParam("customer", equalTo(stripeCustomer))
                    .willReturn(okJson(StripeFixtures.list("/v1/invoices", invoice))));
            stripe().stubFor(get(urlPathEqualTo("/v1/customers/" + stripeCustomer + "/payment_methods")).willReturn(okJson(
                    StripeFixtures.list("/v1/customers/" + stripeCustomer + "/payment_methods", StripeFixtures.paymentMethod()))));
        }
    }

    private static void signIn(Browser browser, String path, String customer) {
        browser.open(path);
        browser.driver.findElement(By.id("token")).sendKeys(customerToken(customer));
        browser.driver.findElement(By.cssSelector("#token-form button")).click();
    }

    private static String textOf(Browser browser, String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void a_paying_customer_sees_the_plan_usage_invoices_and_card() {
        ProCustomer pro = new ProCustomer(250);
        String invoiceId = "in_acct" + Math.abs(pro.customer.hashCode());
        pro.stripeHasInvoiceAndCard(invoiceId);

        try (Browser browser = new Browser()) {
            signIn(browser, "/account/", pro.customer);
            browser.await(d -> d.findElement(By.cssSelector("[data-field='plan']")).getText().contains("Pro"));
            assertThat(textOf(browser, "[data-field='plan']")).contains("$99.00");
            assertThat(textOf(browser, "[data-field='status']")).isEqualTo("active");
            assertThat(textOf(browser, "[data-field='usage']")).contains("250 / 1,000");
            WebElement bar = browser.driver.findElement(By.id("usage-bar"));
            assertThat(bar.getAttribute("data-percent")).isEqualTo("25");
            assertThat(bar.getAttribute("aria-valuenow")).isEqualTo("25");
            assertThat(textOf(browser, "[data-field='period-end']")).startsWith("Resets ");
            assertThat(browser.driver.findElements(By.cssSelector("[data-field='cancels']"))).isEmpty();
            assertThat(browser.driver.findElements(By.id("cancel"))).hasSize(1);

            WebElement pdf = browser.await(d -> d.findElement(By.cssSelector("tr[data-invoice='" + invoiceId + "'] a.invoice-pdf")));
            assertThat(pdf.getAttribute("href")).endsWith("/test_" + invoiceId + "/pdf");
            assertThat(textOf(browser, "tr[data-invoice='" + invoiceId + "']")).contains("$29.00", "paid");
            browser.await(d -> d.findElement(By.cssSelector("[data-field='card']")).getText().contains("4242"));
            assertThat(textOf(browser, "[data-field='card']")).isEqualTo("Visa ending in 4242 · expires 08/2030");

            // the plans it can move to, each offered with a preview; its own plan is marked
            assertThat(textOf(browser, "li[data-plan='pro']")).contains("Current plan");
            assertThat(browser.driver.findElements(By.cssSelector("li[data-plan='basic'] button.change"))).hasSize(1);
            assertThat(browser.driver.findElements(By.cssSelector("li[data-plan='free']"))).isEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("[role='alert']:not([hidden])"))).isEmpty();
            browser.screenshot("account-page");
            browser.driver.executeScript("document.getElementById('invoices').scrollIntoView()");
            browser.screenshot("account-page-invoices");
        }
    }

    @Test
    void cancelling_at_period_end_shows_the_date_and_resuming_takes_it_back() {
        ProCustomer pro = new ProCustomer(0);
        pro.stripeHasInvoiceAndCard("in_acctc" + Math.abs(pro.customer.hashCode()));
        pro.stripeHasSubscription(false);
        String path = "/v1/subscriptions/" + pro.subscription;
        stripe().stubFor(post(urlEqualTo(path)).withFormParam("cancel_at_period_end", equalTo("true"))
                .willReturn(okJson(pro.subscriptionJson(true))));
        stripe().stubFor(post(urlEqualTo(path)).withFormParam("cancel_at_period_end", equalTo("false"))
                .willReturn(okJson(pro.subscriptionJson(false))));

        try (Browser browser = new Browser()) {
            signIn(browser, "/account/", pro.customer);
            browser.await(d -> d.findElement(By.id("cancel"))).click();
            WebElement cancels = browser.await(d -> d.findElement(By.cssSelector("[data-field='cancels']")));
            assertThat(cancels.getText()).startsWith("Cancels on ");
            assertThat(browser.driver.findElements(By.id("cancel"))).isEmpty();
            browser.screenshot("account-page-cancel-scheduled");
            stripe().verify(1, postRequestedFor(urlEqualTo(path)).withFormParam("cancel_at_period_end", equalTo("true"))
                    .withHeader("Idempotency-Key", matching(".+")));
            stripe().verify(0, postRequestedFor(urlEqualTo(path)).withFormParam("cancel_at_period_end", equalTo("false")));

            pro.stripeHasSubscription(true);
            browser.driver.findElement(By.id("resume")).click();
            browser.await(d -> d.findElements(By.cssSelector("[data-field='cancels']")).isEmpty()
                    && !d.findElements(By.id("cancel")).isEmpty());
            assertThat(browser.driver.findElements(By.id("resume"))).isEmpty();
            assertThat(browser.driver.findElement(By.id("account")).getText()).doesNotContain("Cancels on");
            browser.screenshot("account-page-resumed");
        }
        stripe().verify(1, postRequestedFor(urlEqualTo(path)).withFormParam("cancel_at_period_end", equalTo("true")));
        stripe().verify(1, postRequestedFor(urlEqualTo(path)).withFormParam("cancel_at_period_end", equalTo("false"))
                .withHeader("Idempotency-Key", matching(".+")));
    }

    @Test
    void a_customer_on_free_is_sent_to_the_pricing_page_to_buy_a_plan() {
        String customer = newCustomerId();

        try (Browser browser = new Browser()) {
            // the token pasted on the pricing page carries over to the account page in the same tab
            signIn(browser, "/", customer);
            browser.driver.findElement(By.cssSelector("header nav a[href='/account/']")).click();
            browser.await(d -> d.findElement(By.cssSelector("[data-field='plan']")).getText().contains("Free"));
            assertThat(textOf(browser, "[data-field='status']")).isEqualTo("active");
            assertThat(textOf(browser, "[data-field='usage']")).contains("0 / 10");
            assertThat(browser.driver.findElements(By.id("cancel"))).isEmpty();
            assertThat(browser.driver.findElements(By.id("resume"))).isEmpty();
            assertThat(browser.driver.findElement(By.id("change-plan")).isDisplayed()).isFalse();
            browser.await(d -> d.findElement(By.id("no-invoices")).isDisplayed());
            browser.screenshot("account-page-free");

            browser.driver.findElement(By.id("buy-plan")).click();
            browser.await(d -> d.findElements(By.cssSelector("article.plan")).size() == 4);
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(E2e.BASE_URL + "/");
        }
    }
}
