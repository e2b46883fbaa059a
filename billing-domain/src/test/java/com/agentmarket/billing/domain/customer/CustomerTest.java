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
}
