package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.rows;
import static com.agentmarket.billing.e2e.E2e.sql;
import static com.agentmarket.billing.e2e.MailServer.mail;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.agentmarket.billing.e2e.Webhooks.awaitStatus;
import static com.agentmarket.billing.e2e.Webhooks.deliver;
import static com.agentmarket.billing.e2e.Webhooks.sharedEvent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared lifecycle (checkout, first invoice paid, renewal failed, cancellation scheduled, subscription deleted)
 * delivered in order, then in reverse with duplicates, leaves the same state, with one e-mail per failed payment
 * attempt. Stripe's current objects (what the handlers fetch) are the ones after the last event.
 */
class WebhookLifecycleIT {

    private static final String JANE = "user_42";
    /** The events in the order Stripe created them. */
    private static final List<String> TIMELINE = List.of("customer.subscription.created", "invoice.paid",
            "invoice.payment_succeeded", "checkout.session.completed", "invoice.payment_failed",
            "customer.subscription.updated", "customer.subscription.deleted");
    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @BeforeAll
    static void stripeAsItIsAfterTheLastEvent() {
        mail();
        stripe().stubFor(get(urlEqualTo("/v1/checkout/sessions/" + StripeFixtures.CHECKOUT_SESSION))
                .willReturn(okJson(StripeFixtures.eventObject("checkout.session.completed").toString())));
        stripe().stubFor(get(urlEqualTo("/v1/subscriptions/" + StripeFixtures.SUBSCRIPTION))
                .willReturn(okJson(StripeFixtures.eventObject("customer.subscription.deleted").toString())));
        stripe().stubFor(get(urlEqualTo("/v1/invoices/in_1TSvcInvoice0000000001"))
                .willReturn(okJson(StripeFixtures.eventObject("invoice.paid").toString())));
        stripe().stubFor(get(urlEqualTo("/v1/invoices/in_1TSvcInvoice0000000002"))
                .willReturn(okJson(StripeFixtures.eventObject("invoice.payment_failed").toString())));
    }

    private static String eventId(String type) {
        return com.google.gson.JsonParser.parseString(StripeFixtures.resource("webhook-events/" + type + ".json"))
                .getAsJsonObject().get("id").getAsString();
    }

    private static void forgetJane() {
        sql("delete from notification where customer_id = ?", JANE);
        sql("delete from invoice where customer_id = ?", JANE);
        sql("update customer set stripe_subscription_id = null where id = ?", JANE);
        sql("delete from subscription where customer_id = ?", JANE);
        sql("delete from billing_action where customer_id = ?", JANE);
        sql("delete from customer where id = ?", JANE);
        for (String type : TIMELINE) {
            sql("delete from webhook_event where event_id = ?", eventId(type));
        }
        try {
            mail().purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deliverAndAwait(String type) {
        deliver(sharedEvent(type)).statusCode(200).body("event_id", equalTo(eventId(type)));
        awaitStatus(eventId(type), "PROCESSED", PROCESSING);
    }

    private static List<String> janesState() {
        awaitNotificationsSent();
        List<String> state = new ArrayList<>();
        state.addAll(rows("select status, plan_id, current_period_start, current_period_end, cancel_at_period_end, cancel_at "
                + "from subscription where customer_id = ?", JANE));
        state.addAll(rows("select stripe_customer_id, stripe_subscription_id, email, account_status, suspension_reason, "
                + "failed_invoice_id, failed_invoice_subscription from customer where id = ?", JANE));
        state.addAll(rows("select id, subscription_id, status, amount_due, amount_paid, attempt_count from invoice "
                + "where customer_id = ? order by id", JANE));
        state.addAll(rows("select notification_key, recipient, status from notification where customer_id = ? "
                + "order by notification_key", JANE));
        return state;
    }

    private static void awaitNotificationsSent() {
        Instant deadline = Instant.now().plus(PROCESSING);
        while (count("select count(*) from notification where customer_id = ? and status = 'PENDING'", JANE) > 0) {
            assertThat(Instant.now()).as("notifications sent in time").isBefore(deadline);
            Webhooks.sleep(100);
        }
    }

    private static List<MimeMessage> mailsToJane() {
        return Arrays.stream(mail().getReceivedMessages()).filter(message -> {
            try {
                return message.getAllRecipients()[0].toString().equals("jane.doe@example.com");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void any_order_with_duplicates_leaves_the_state_the_in_order_replay_leaves() throws Exception {
        forgetJane();
        TIMELINE.forEach(WebhookLifecycleIT::deliverAndAwait);
        List<String> inOrder = janesState();
        int mailsInOrder = mailsToJane().size();

        // what that state means, through the public API and the database
        assertThat(inOrder).anySatisfy(row -> assertThat(row).startsWith("CANCELED|BASIC|"));
        // The renewal failed, but the subscription it belongs to ended: no invoice is owed on a live subscription any
        // more, so no payment suspension holds (Jane is on Free); the e-mail about the failure was still sent.
        assertThat(inOrder).anySatisfy(row -> assertThat(row).isEqualTo(StripeFixtures.CUSTOMER + "|"
                + StripeFixtures.SUBSCRIPTION + "|jane.doe@example.com|ACTIVE|null|null|null"));
        assertThat(inOrder).contains("in_1TSvcInvoice0000000001|" + StripeFixtures.SUBSCRIPTION + "|paid|2900|2900|1",
                "in_1TSvcInvoice0000000002|" + StripeFixtures.SUBSCRIPTION + "|open|2900|0|1",
                "payment-failed:in_1TSvcInvoice0000000002:1|jane.doe@example.com|SENT");
        assertThat(mailsInOrder).as("one e-mail per failed payment attempt").isEqualTo(1);
        assertThat(mailsToJane().get(0).getSubject()).isEqualTo("Your Agent Marketplace payment failed");
        asCustomer(JANE).get("/api/v1/billing/subscription").then()
                .statusCode(200).body("id", nullValue()).body("plan_name", equalTo("Free"));
        asCustomer(JANE).get("/api/v1/billing/usage").then().body("plan", equalTo("free"));

        forgetJane();
        List<String> reversed = new ArrayList<>(TIMELINE);
        Collections.reverse(reversed);
        reversed.forEach(WebhookLifecycleIT::deliverAndAwait);
        IntStream.range(0, 3).parallel().forEach(round -> TIMELINE.parallelStream().forEach(type ->
                deliver(sharedEvent(type)).statusCode(200).body("duplicate", equalTo(true))));
        List<String> reversedWithDuplicates = janesState();

        assertThat(reversedWithDuplicates).isEqualTo(inOrder);
        assertThat(mailsToJane()).as("one e-mail per failed payment attempt, duplicates included").hasSize(1);
        for (String type : TIMELINE) {
            assertThat(count("select count(*) from webhook_event where event_id = ? and attempts = 1", eventId(type)))
                    .as(type + " stored and processed once").isEqualTo(1);
        }
    }
}
