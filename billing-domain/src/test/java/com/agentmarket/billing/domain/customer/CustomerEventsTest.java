package com.agentmarket.billing.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A customer's operations say what happened, so the use cases store a change when there is one, not by comparing. */
class CustomerEventsTest {

    private static final CustomerId JANE = new CustomerId("user_42");
    private static final Instant NOW = Instant.parse("2026-08-20T12:00:00Z");

    private static Customer stored() {
        return Customer.reconstitute(JANE, Optional.of(new Email("jane@example.com")),
                Optional.of(new StripeCustomerId("cus_jane")), Optional.of(new StripeSubscriptionId("sub_1")),
                Optional.empty(), 3);
    }

    @Test
    void a_new_customer_is_registered_and_a_stored_one_has_nothing_to_store() {
        assertThat(Customer.register(JANE, Optional.empty()).changes()).containsExactly(new CustomerEvent.Registered(JANE));
        assertThat(stored().changes()).isEmpty();
    }

    @Test
    void operations_that_change_nothing_say_nothing() {
        Customer customer = stored();

        assertThat(customer.linkStripeCustomer(new StripeCustomerId("cus_jane"))
                .followSubscription(new StripeSubscriptionId("sub_1"))
                .withEmail(Optional.of(new Email("jane@example.com")))
                .withEmailIfUnknown(Optional.of(new Email("other@example.com")))
                .reinstate()
                .noInvoiceLeftUnpaid()
                .changes()).isEmpty();
    }

    @Test
    void each_change_is_said_in_order() {
        Customer changed = stored().followSubscription(new StripeSubscriptionId("sub_2"))
                .suspendByOperator("chargeback", NOW)
                .reinstate();

        assertThat(changed.changes()).containsExactly(
                new CustomerEvent.SubscriptionFollowed(JANE, new StripeSubscriptionId("sub_2")),
                new CustomerEvent.Suspended(JANE, changed.suspension().orElse(new Suspension(Suspension.Reason.OPERATOR, NOW,
                        Optional.empty(), Optional.of("chargeback")))),
                new CustomerEvent.SuspensionLifted(JANE, Suspension.Reason.OPERATOR));
        assertThat(changed).as("equal state: what happened on the way does not count")
                .isEqualTo(stored().followSubscription(new StripeSubscriptionId("sub_2")));
    }

    @Test
    void suspending_again_for_the_same_reason_changes_nothing() {
        Customer suspended = Customer.reconstitute(JANE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new Suspension(Suspension.Reason.OPERATOR, NOW, Optional.empty(), Optional.of("chargeback"))), 2);

        assertThat(suspended.suspendByOperator("chargeback", NOW.plusSeconds(60)).changes()).isEmpty();
    }
}
