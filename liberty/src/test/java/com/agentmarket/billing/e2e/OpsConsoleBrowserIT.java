package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.payingCustomer;
import static com.agentmarket.billing.e2e.E2e.sql;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The operator console in a real browser: sign in with a token, find a customer, see the usage bar, replay a dead event. */
class OpsConsoleBrowserIT {

    @Test
    void an_operator_finds_a_customer_sees_the_usage_bar_and_replays_a_dead_event() {
        String customer = newCustomerId();
        payingCustomer(customer, "PRO", 250);
        String subscription = E2e.text("select stripe_subscription_id from customer where id = ?", customer);
        String stripeCustomer = E2e.text("select stripe_customer_id from customer where id = ?", customer);
        long start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toEpochSecond();
        stripe().stubFor(get(urlEqualTo("/v1/subscriptions/" + subscription)).willReturn(okJson(StripeFixtures.subscriptionOf(
                subscription, stripeCustomer, customer, StripeFixtures.PRO_PRICE, "active", false, start, start + 2_592_000)
                .toString())));
        String deadEvent = "evt_dead" + Math.abs(customer.hashCode());
        sql("insert into webhook_event (event_id, type, livemode, object_id, stripe_created, payload, status, attempts, outcome, "
                + "received_at) values (?, 'customer.subscription.updated', false, ?, ?, '{}', 'DEAD', 8, "
                + "'Unavailable: Stripe cannot be reached.', ?)", deadEvent, subscription, OffsetDateTime.now(ZoneOffset.UTC),
                OffsetDateTime.now(ZoneOffset.UTC));

        try (Browser browser = new Browser()) {
            browser.open("/ops/");
            browser.driver.findElement(By.id("token")).sendKeys(tokenInGroups("ops_browser", "billing-admin"));
            browser.driver.findElement(By.id("sign-in")).click();
            browser.await(d -> d.findElement(By.id("webhooks-dead")).getText().matches("\\d+"));

            browser.driver.findElement(By.id("query")).sendKeys(customer);
            browser.driver.findElement(By.cssSelector("#search-form button")).click();
            browser.await(d -> d.findElement(By.cssSelector("tr[data-customer='" + customer + "']"))).click();
            WebElement usage = browser.await(d -> d.findElement(By.cssSelector("[data-field='usage']")));
            browser.await(d -> d.findElement(By.cssSelector(".usage-bar")));
            assertThat(usage.getText()).contains("250 / 1,000");
            assertThat(browser.driver.findElement(By.cssSelector(".usage-bar")).getAttribute("data-percent")).isEqualTo("25");
            assertThat(browser.driver.findElement(By.cssSelector("[data-field='plan']")).getText()).contains("Pro");
            browser.screenshot("ops-console-customer");

            browser.await(d -> d.findElement(By.cssSelector("tr[data-event='" + deadEvent + "'] button.replay"))).click();
            Instant deadline = Instant.now().plusSeconds(20);
            while (count("select count(*) from webhook_event where event_id = ? and status = 'PROCESSED'", deadEvent) == 0) {
                assertThat(Instant.now()).as("the replayed event is processed").isBefore(deadline);
                Webhooks.sleep(100);
            }
            browser.await(d -> d.findElements(By.cssSelector("tr[data-event='" + deadEvent + "']")).isEmpty());
            browser.screenshot("ops-console-after-replay");
        }
        assertThat(count("select count(*) from audit_log where actor = 'ops_browser' and action = 'webhook-event.replay' "
                + "and target = ?", deadEvent)).isEqualTo(1);
    }

    @Test
    void an_operator_sees_the_hours_where_our_usage_and_stripes_meter_differ_first() {
        String customer = newCustomerId();
        payingCustomer(customer, "BASIC", 0);
        long hour = Instant.now().minusSeconds(3 * 3600).getEpochSecond() / 3600;
        sql("insert into usage_window (window_key, customer_id, stripe_customer_id, window_hour, ours, stripe, result, state, "
                + "attempts, queued_at, checked_at) values (?, ?, ?, ?, 3, 6, 'NEEDS_OPERATOR', 'CHECKED', 1, now(), now())",
                customer + "@" + hour, customer, "cus_pay" + Math.abs(customer.hashCode()), hour);

        try (Browser browser = new Browser()) {
            browser.open("/ops/");
            browser.driver.findElement(By.id("token")).sendKeys(tokenInGroups("ops_browser", "billing-admin"));
            browser.driver.findElement(By.id("sign-in")).click();
            WebElement row = browser.await(d -> d.findElement(By.cssSelector("#reconciled-hours tr[data-customer='"
                    + customer + "']")));
            assertThat(row.getAttribute("data-status")).isEqualTo("needs-operator");
            assertThat(row.getText()).contains("+3", "needs-operator");
            assertThat(browser.driver.findElement(By.cssSelector("#reconciled-hours tbody tr")).getAttribute("data-status"))
                    .as("differences first").isNotIn("matched", "corrected");
            assertThat(Long.parseLong(browser.driver.findElement(By.id("drift")).getText())).isGreaterThanOrEqualTo(3);
            browser.driver.executeScript("document.getElementById('reconciliation').scrollIntoView()");
            browser.screenshot("ops-console-reconciliation");
        }
    }
}
