package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.BASIC_PRICE;
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
 * The customer's billing page in a real browser: what a paying customer sees, an upgrade confirmed from its preview,
 * a downgrade shown as pending and then kept off, cancelling at period end and resuming, and a customer on Free sent
 * to the pricing page. Stripe is the stub, answering for this test's own ids.
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

    /** Stripe's answers the page needs besides the subscription: no invoices yet, and the card. */
    private static void stripeHasCardOf(StripeWorld world) {
        stripe().stubFor(get(urlPathEqualTo("/v1/invoices")).withQueryParam("customer", equalTo(world.stripeCustomer))
                .willReturn(okJson(StripeFixtures.list("/v1/invoices"))));
        stripe().stubFor(get(urlPathEqualTo("/v1/customers/" + world.stripeCustomer + "/payment_methods")).willReturn(okJson(
                StripeFixtures.list("/v1/customers/" + world.stripeCustomer + "/payment_methods",
                        StripeFixtures.paymentMethod()))));
    }

    private static String invoicePreview(long amountDue) {
        JsonObject preview = StripeFixtures.invoice();
        preview.addProperty("amount_due", amountDue);
        return preview.toString();
    }

    private static void stripePreviews(String subscription, String proration, long amountDue) {
        stripe().stubFor(post(urlEqualTo("/v1/invoices/create_preview"))
                .withFormParam("subscription", equalTo(subscription))
                .withFormParam("subscription_details[proration_behavior]", equalTo(proration))
                .willReturn(okJson(invoicePreview(amountDue))));
    }

    @Test
    void an_upgrade_is_confirmed_from_its_preview_and_the_page_shows_the_new_plan() {
        StripeWorld world = new StripeWorld();
        String sub = "sub_webup" + world.suffix;
        JsonObject basic = PlanChangeIT.subscription(world, sub, BASIC_PRICE);
        world.hasSubscription(basic);
        world.event("customer.subscription.created", sub);
        stripeHasCardOf(world);
        stripePreviews(sub, "always_invoice", 4335);
        stripePreviews(sub, "none", 9900);
        JsonObject pro = basic.deepCopy();
        pro.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonObject("price")
                .addProperty("id", PRO_PRICE);
        stripe().stubFor(post(urlEqualTo("/v1/subscriptions/" + sub)).willReturn(okJson(pro.toString())));

        try (Browser browser = new Browser()) {
            signIn(browser, "/account/", world.customer);
            browser.await(d -> d.findElement(By.cssSelector("[data-field='plan']")).getText().contains("Basic"));
            browser.await(d -> d.findElement(By.cssSelector("li[data-plan='pro'] button.change"))).click();
            WebElement dialog = browser.await(d -> d.findElement(By.id("change-dialog")));
            browser.await(d -> dialog.isDisplayed()
                    && !d.findElement(By.cssSelector("[data-field='amount-due-now']")).getText().isEmpty());
            assertThat(textOf(browser, "[data-field='preview-plan']")).isEqualTo("Pro");
            assertThat(textOf(browser, "[data-field='amount-due-now']")).isEqualTo("$43.35");
            assertThat(textOf(browser, "[data-field='next-invoice']")).contains("$99.00");
            browser.screenshot("account-page-upgrade-preview");
            stripe().verify(0, postRequestedFor(urlEqualTo("/v1/subscriptions/" + sub)));

            browser.driver.findElement(By.id("change-confirm")).click();
            browser.await(d -> d.findElement(By.cssSelector("[data-field='plan']")).getText().contains("Pro"));
            assertThat(textOf(browser, "[data-field='usage']")).contains("/ 1,000");
            assertThat(browser.driver.findElements(By.cssSelector("[data-field='pending-change']"))).isEmpty();
            browser.screenshot("account-page-upgraded");
        }
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscriptions/" + sub))
                .withFormParam("items[0][price]", equalTo(PRO_PRICE))
                .withFormParam("proration_behavior", equalTo("always_invoice"))
                .withHeader("Idempotency-Key", matching(".+")));
    }

    @Test
    void a_downgrade_is_shown_as_pending_until_the_period_end_and_keeping_the_plan_takes_it_back() {
        StripeWorld world = new StripeWorld();
        String sub = "sub_webdn" + world.suffix;
        String schedule = "sub_sched_web" + world.suffix;
        PlanChangeIT.stripeSchedulesDowngrades(world, sub, schedule);
        world.event("customer.subscription.created", sub);
        stripeHasCardOf(world);
        stripePreviews(sub, "none", 2900);

        try (Browser browser = new Browser()) {
            signIn(browser, "/account/", world.customer);
            browser.await(d -> d.findElement(By.cssSelector("[data-field='plan']")).getText().contains("Pro"));
            browser.await(d -> d.findElement(By.cssSelector("li[data-plan='basic'] button.change"))).click();
            browser.await(d -> d.findElement(By.id("change-dialog")).isDisplayed()
                    && !d.findElement(By.cssSelector("[data-field='amount-due-now']")).getText().isEmpty());
            assertThat(textOf(browser, "[data-field='amount-due-now']")).isEqualTo("$0.00");
            assertThat(textOf(browser, "[data-field='next-invoice']")).contains("$29.00");
            browser.driver.findElement(By.id("change-confirm")).click();

            WebElement pending = browser.await(d -> d.findElement(By.cssSelector("[data-field='pending-change']")));
            assertThat(pending.getText()).startsWith("Changes to Basic on ");
            assertThat(textOf(browser, "[data-field='plan']")).contains("Pro");
            browser.screenshot("account-page-downgrade-pending");

            browser.await(d -> d.findElement(By.cssSelector("li[data-plan='pro'] button.keep"))).click();
            browser.await(d -> d.findElements(By.cssSelector("[data-field='pending-change']")).isEmpty());
            assertThat(textOf(browser, "[data-field='plan']")).contains("Pro");
            browser.screenshot("account-page-downgrade-kept-off");
        }
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscription_schedules"))
                .withFormParam("from_subscription", equalTo(sub)));
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscription_schedules/" + schedule))
                .withFormParam("phases[1][items][0][price]", equalTo(BASIC_PRICE)));
        stripe().verify(1, postRequestedFor(urlEqualTo("/v1/subscription_schedules/" + schedule + "/release")));
    }
}
