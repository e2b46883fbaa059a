package com.agentmarket.billing.domain.customer;

import static com.agentmarket.billing.domain.fixtures.CustomerBuilder.aCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.domain.shared.DomainViolation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CustomerTest {

    @Test
    void a_new_customer_is_active_and_unknown_to_stripe() {
        Customer customer = Customer.register(new CustomerId("user_42"), Optional.of(new Email("jane.doe@example.com")));

        assertThat(customer.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(customer.stripeCustomerId()).isEmpty();
        assertThat(customer.stripeSubscriptionId()).isEmpty();
        assertThat(customer.version()).isZero();
    }

    @Test
    void a_customer_is_linked_to_one_stripe_customer_only() {
        Customer linked = aCustomer().build().linkStripeCustomer(new StripeCustomerId("cus_A"));

        assertThat(linked.linkStripeCustomer(new StripeCustomerId("cus_A"))).isSameAs(linked);
        assertThatThrownBy(() -> linked.linkStripeCustomer(new StripeCustomerId("cus_B")))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("already linked");
    }

    @Test
    void an_absent_email_claim_keeps_the_known_address() {
        Customer customer = aCustomer().withEmail("old@example.com").build();

        assertThat(customer.withEmail(Optional.empty()).email()).contains(new Email("old@example.com"));
        assertThat(customer.withEmail(Optional.of(new Email("new@example.com"))).email()).contains(new Email("new@example.com"));
    }

    private static final com.agentmarket.billing.domain.subscription.StripeSubscriptionId SUB =
            new com.agentmarket.billing.domain.subscription.StripeSubscriptionId("sub_1");
    private static final java.time.Instant NOW = java.time.Instant.parse("2026-09-03T11:00:00Z");

    private static Suspension.InvoiceRef invoice(String id, String created) {
        return new Suspension.InvoiceRef(id, SUB, java.time.Instant.parse(created));
    }

    @Test
    void a_failed_payment_suspends_the_account_naming_the_invoice() {
        Customer suspended = aCustomer().build()
                .suspendForFailedPayment(invoice("in_2", "2026-09-03T10:00:00Z"), Optional.empty(), NOW);

        assertThat(suspended.isSuspended()).isTrue();
        assertThat(suspended.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(suspended.suspension().orElseThrow().failedInvoice()).contains(invoice("in_2", "2026-09-03T10:00:00Z"));
    }

    @Test
    void paying_the_failed_invoice_or_a_later_one_lifts_a_payment_suspension() {
        Customer suspended = aCustomer().suspendedFor(invoice("in_2", "2026-09-03T10:00:00Z")).build();

        assertThat(suspended.paymentSucceeded(invoice("in_2", "2026-09-03T10:00:00Z")).isSuspended()).isFalse();
        assertThat(suspended.paymentSucceeded(invoice("in_3", "2026-10-03T10:00:00Z")).isSuspended()).isFalse();
    }

    @Test
    void paying_an_earlier_invoice_or_another_subscriptions_does_not_lift_it() {
        Customer suspended = aCustomer().suspendedFor(invoice("in_2", "2026-09-03T10:00:00Z")).build();

        assertThat(suspended.paymentSucceeded(invoice("in_1", "2026-08-03T10:00:00Z")).isSuspended()).isTrue();
        assertThat(suspended.paymentSucceeded(new Suspension.InvoiceRef("in_9",
                new com.agentmarket.billing.domain.subscription.StripeSubscriptionId("sub_other"),
                java.time.Instant.parse("2026-12-01T00:00:00Z"))).isSuspended()).isTrue();
    }

    @Test
    void a_failure_already_settled_by_a_later_payment_suspends_nothing_whatever_the_order_of_events() {
        Customer customer = aCustomer().build();

        Customer afterLateFailureEvent = customer.suspendForFailedPayment(invoice("in_2", "2026-09-03T10:00:00Z"),
                Optional.of(invoice("in_3", "2026-10-03T10:00:00Z")), NOW);

        assertThat(afterLateFailureEvent.isSuspended()).isFalse();
    }

    @Test
    void a_suspension_keeps_the_latest_failed_invoice() {
        Customer suspendedForLater = aCustomer().suspendedFor(invoice("in_3", "2026-10-03T10:00:00Z")).build();

        Customer afterOlderFailure = suspendedForLater.suspendForFailedPayment(invoice("in_2", "2026-09-03T10:00:00Z"),
                Optional.empty(), NOW);

        assertThat(afterOlderFailure.suspension().orElseThrow().failedInvoice().orElseThrow().invoiceId()).isEqualTo("in_3");
        assertThat(afterOlderFailure.paymentSucceeded(invoice("in_2", "2026-09-03T10:00:00Z")).isSuspended()).isTrue();
    }

    @Test
    void payments_never_lift_an_operators_suspension_but_the_operator_can() {
        Customer byOperator = aCustomer().build().suspendByOperator("chargeback", NOW);

        Customer afterPayment = byOperator.suspendForFailedPayment(invoice("in_2", "2026-09-03T10:00:00Z"), Optional.empty(), NOW)
                .paymentSucceeded(invoice("in_2", "2026-09-03T10:00:00Z"));

        assertThat(afterPayment.suspension().orElseThrow().reason()).isEqualTo(Suspension.Reason.OPERATOR);
        assertThat(afterPayment.reinstate().isSuspended()).isFalse();
    }

    @Test
    void stripes_address_is_used_only_when_the_token_never_gave_one() {
        Customer withToken = aCustomer().withEmail("from.token@example.com").build();
        Customer without = aCustomer().withEmail(null).build();

        assertThat(withToken.withEmailIfUnknown(Optional.of(new Email("from.stripe@example.com"))).email())
                .contains(new Email("from.token@example.com"));
        assertThat(without.withEmailIfUnknown(Optional.of(new Email("from.stripe@example.com"))).email())
                .contains(new Email("from.stripe@example.com"));
    }

    @Test
    void customer_ids_fit_stripes_client_reference_id() {
        assertThatThrownBy(() -> new CustomerId(" ")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new CustomerId("x".repeat(201))).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new CustomerId("user\n42")).isInstanceOf(DomainViolation.class);
        assertThat(new CustomerId("x".repeat(200)).value()).hasSize(200);
    }

    @Test
    void malformed_email_addresses_and_stripe_ids_are_refused() {
        assertThatThrownBy(() -> new Email("jane")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new Email("jane@")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new Email("ja ne@example.com")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new StripeCustomerId("sub_123")).isInstanceOf(DomainViolation.class);
    }

    @Test
    void paying_on_the_newer_subscription_the_customer_follows_now_lifts_a_suspension_for_an_older_ones_invoice() {
        com.agentmarket.billing.domain.subscription.StripeSubscriptionId newer =
                new com.agentmarket.billing.domain.subscription.StripeSubscriptionId("sub_2");
        Customer suspended = aCustomer().following("sub_2").suspendedFor(invoice("in_2", "2026-09-03T10:00:00Z")).build();

        Customer lifted = suspended.paymentSucceeded(new Suspension.InvoiceRef("in_9", newer,
                java.time.Instant.parse("2026-09-20T10:00:00Z")));

        assertThat(lifted.isSuspended()).isFalse();
        assertThat(aCustomer().following("sub_2").build().suspendForFailedPayment(invoice("in_2", "2026-09-03T10:00:00Z"),
                Optional.of(new Suspension.InvoiceRef("in_9", newer, java.time.Instant.parse("2026-09-20T10:00:00Z"))), NOW)
                .isSuspended()).as("whichever event comes first").isFalse();
    }

    @Test
    void once_no_invoice_is_left_unpaid_on_a_live_subscription_a_payment_suspension_lifts_but_an_operators_stays() {
        assertThat(aCustomer().suspendedFor(invoice("in_2", "2026-09-03T10:00:00Z")).build().noInvoiceLeftUnpaid()
                .isSuspended()).isFalse();
        assertThat(aCustomer().suspended().build().noInvoiceLeftUnpaid().isSuspended()).isTrue();
        assertThat(aCustomer().build().noInvoiceLeftUnpaid().isSuspended()).isFalse();
    }
}
