package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payment suspension (the e2e server suspends on failed payments) lifts when no unpaid invoice is left on a live
 * subscription, or when the customer pays on a newer subscription, whichever order Stripe's events come in.
 */
class PaymentSuspensionIT {

    private final StripeWorld world = new StripeWorld();
    private final String failing = "sub_failing" + world.suffix;
    private final String failedInvoice = "in_failed" + world.suffix;
    private final String next = "sub_next" + world.suffix;
    private final String nextInvoice = "in_next" + world.suffix;

    private boolean suspended() {
        return count("select count(*) from customer where id = ? and account_status = 'SUSPENDED'", world.customer) == 1;
    }

    private int execute(String executionId) {
        return asCustomer(world.customer).contentType("application/json").body(Map.of("execution_id", executionId))
                .post("/api/v1/billing/executions").then().extract().statusCode();
    }

    private JsonObject failingSubscription(String status) {
        return world.subscription(failing, E2e.PRO_PRICE, status);
    }

    @BeforeEach
    void aRenewalFailsAndTheAccountIsSuspended() {
        world.hasSubscription(failingSubscription("past_due"));
        world.has("/v1/invoices", world.invoice(failedInvoice, failing, 9900, "open"));
        world.event("invoice.payment_failed", failedInvoice);
        assertThat(suspended()).as("suspended for the failed renewal").isTrue();
    }

    private void stripeHasTheNewSubscriptionPaid() {
        JsonObject subscription = world.subscription(next, E2e.BASIC_PRICE, "active");
        subscription.addProperty("created", java.time.Instant.now().getEpochSecond());
        world.hasSubscription(subscription);
        world.has("/v1/invoices", world.paidInvoice(nextInvoice, next, 2900));
    }

    @Test
    void the_old_subscription_canceled_then_the_new_one_paid() {
        world.hasSubscription(failingSubscription("canceled"));
        world.event("customer.subscription.deleted", failing);
        stripeHasTheNewSubscriptionPaid();
        world.event("customer.subscription.created", next);
        world.event("invoice.paid", nextInvoice);

        assertThat(suspended()).isFalse();
        assertThat(execute("after-paying")).isEqualTo(201);
    }

    @Test
    void the_new_subscription_paid_before_the_old_ones_cancellation_arrives_and_a_late_failure_changes_nothing() {
        world.hasSubscription(failingSubscription("canceled"));
        stripeHasTheNewSubscriptionPaid();

        world.event("invoice.paid", nextInvoice);
        assertThat(suspended()).as("paid on the newer subscription").isFalse();
        stripe().verify(0, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + next)));

        world.event("customer.subscription.deleted", failing);
        world.event("invoice.payment_failed", failedInvoice);

        assertThat(suspended()).as("the failed invoice is on a subscription that ended").isFalse();
        assertThat(execute("after-paying")).isEqualTo(201);
        asCustomer(world.customer).get("/api/v1/billing/subscription").then().body("id", org.hamcrest.Matchers.equalTo(next));
    }
}
