package com.agentmarket.billing.adapter.out.persistence.customer;

import static com.agentmarket.billing.domain.fixtures.CustomerBuilder.aCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.AccountStatus;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.customer.Suspension;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaCustomerRepositoryIT {

    private static TestDatabase db;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.truncateAll();
    }

    private Customer save(Customer customer) {
        return db.inTransaction(em -> new JpaCustomerRepository(em).save(customer));
    }

    private Optional<Customer> find(CustomerId id) {
        return db.inTransaction(em -> new JpaCustomerRepository(em).find(id));
    }

    @Test
    void a_customer_is_stored_whole_and_found_again() {
        Customer customer = aCustomer().withId("user_42").withEmail("jane.doe@example.com").linkedTo("cus_TSvcCust000001")
                .following("sub_1TSvcSub00000000000001").suspended().build();

        Customer saved = save(customer);

        assertThat(saved.version()).isEqualTo(1);
        Customer found = find(new CustomerId("user_42")).orElseThrow();
        assertThat(found.email()).contains(new Email("jane.doe@example.com"));
        assertThat(found.stripeCustomerId()).contains(new StripeCustomerId("cus_TSvcCust000001"));
        assertThat(found.stripeSubscriptionId()).contains(new StripeSubscriptionId("sub_1TSvcSub00000000000001"));
        assertThat(found.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(found).isEqualTo(saved);
    }

    @Test
    void a_payment_suspension_is_stored_with_its_failed_invoice() {
        Suspension.InvoiceRef failed = new Suspension.InvoiceRef("in_2", new StripeSubscriptionId("sub_1"),
                java.time.Instant.parse("2026-09-03T10:00:00Z"));
        Customer saved = save(Customer.register(new CustomerId("user_1"), Optional.empty()));

        Customer suspended = save(saved.suspendForFailedPayment(failed, Optional.empty(),
                java.time.Instant.parse("2026-09-03T11:00:00Z")));

        assertThat(find(saved.id()).orElseThrow()).isEqualTo(suspended);
        assertThat(find(saved.id()).orElseThrow().suspension().orElseThrow().failedInvoice()).contains(failed);
        assertThat(save(suspended.paymentSucceeded(failed)).isSuspended()).isFalse();
        assertThat(db.count("select count(*) from customer where id = 'user_1' and account_status = 'ACTIVE' "
                + "and suspension_reason is null and failed_invoice_id is null")).isEqualTo(1);
    }

    @Test
    void every_change_moves_the_version_on() {
        Customer saved = save(Customer.register(new CustomerId("user_1"), Optional.empty()));

        Customer changed = save(saved.linkStripeCustomer(new StripeCustomerId("cus_1")));

        assertThat(changed.version()).isEqualTo(saved.version() + 1);
        assertThat(find(saved.id()).orElseThrow().stripeCustomerId()).contains(new StripeCustomerId("cus_1"));
    }

    @Test
    void a_change_from_a_stale_copy_is_refused_and_the_newer_state_kept() {
        Customer original = save(Customer.register(new CustomerId("user_1"), Optional.empty()));
        save(original.linkStripeCustomer(new StripeCustomerId("cus_winner")));

        assertThatThrownBy(() -> save(original.linkStripeCustomer(new StripeCustomerId("cus_loser"))))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(find(original.id()).orElseThrow().stripeCustomerId()).contains(new StripeCustomerId("cus_winner"));
    }

    @Test
    void two_first_saves_of_the_same_customer_store_one() {
        save(Customer.register(new CustomerId("user_1"), Optional.of(new Email("first@example.com"))));

        assertThatThrownBy(() -> save(Customer.register(new CustomerId("user_1"), Optional.of(new Email("second@example.com")))))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(find(new CustomerId("user_1")).orElseThrow().email()).contains(new Email("first@example.com"));
    }

    @Test
    void a_stripe_customer_belongs_to_one_customer_only() {
        save(aCustomer().withId("user_1").linkedTo("cus_shared").build().linkStripeCustomer(new StripeCustomerId("cus_shared")));
        Customer other = aCustomer().withId("user_2").build().linkStripeCustomer(new StripeCustomerId("cus_shared"));

        assertThatThrownBy(() -> save(other)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(db.count("select count(*) from customer")).isEqualTo(1);
    }

    @Test
    void customers_are_found_by_their_stripe_customer_id() {
        save(aCustomer().withId("user_1").linkedTo("cus_1").build());
        save(aCustomer().withId("user_2").linkedTo("cus_2").build());

        Optional<Customer> second = db.inTransaction(
                em -> new JpaCustomerRepository(em).findByStripeCustomerId(new StripeCustomerId("cus_2")));
        Optional<Customer> unknown = db.inTransaction(
                em -> new JpaCustomerRepository(em).findByStripeCustomerId(new StripeCustomerId("cus_3")));

        assertThat(second).map(Customer::id).contains(new CustomerId("user_2"));
        assertThat(unknown).isEmpty();
    }

    @Test
    void operators_search_by_exact_ids_or_part_of_the_email_with_like_wildcards_taken_literally() {
        save(aCustomer().withId("ada").withEmail("Ada.Lovelace@example.com").linkedTo("cus_ada").build());
        save(aCustomer().withId("grace").withEmail("grace_hopper@example.com").linkedTo("cus_grace").build());
        save(aCustomer().withId("alan").withEmail("alanXturing@example.com").build());

        assertThat(search("ada", 0, 10)).containsExactly("ada");
        assertThat(search("cus_grace", 0, 10)).containsExactly("grace");
        assertThat(search("LOVELACE", 0, 10)).containsExactly("ada");
        assertThat(search("_", 0, 10)).as("an underscore is a character, not a wildcard").containsExactly("grace");
        assertThat(search("%", 0, 10)).isEmpty();
        assertThat(search("", 0, 10)).containsExactly("ada", "alan", "grace");
        var page = db.inTransaction(em -> new JpaCustomerRepository(em).search("@example.com", 1, 2));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(c -> c.id().value()).containsExactly("grace");
    }

    private java.util.List<String> search(String query, int page, int size) {
        return db.inTransaction(em -> new JpaCustomerRepository(em).search(query, page, size)).items().stream()
                .map(c -> c.id().value()).toList();
    }
}
