package com.agentmarket.billing.adapter.out.persistence.schema;

import static com.agentmarket.billing.domain.fixtures.CustomerBuilder.aCustomer;
import static com.agentmarket.billing.domain.fixtures.SubscriptionBuilder.aSubscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.out.persistence.TestDatabase;
import com.agentmarket.billing.adapter.out.persistence.customer.CustomerRepositories;
import com.agentmarket.billing.adapter.out.persistence.subscription.SubscriptionRepositories;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.Subscription;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run command starts on H2 in PostgreSQL mode: the same migrations and mappings must work there. */
class EmbeddedDefaultDatabaseIT {

    @Test
    void the_migrations_and_mappings_work_on_h2_in_postgresql_mode() {
        try (TestDatabase h2 = TestDatabase.h2("embedded_default")) {
            Customer customer = h2.inTransaction(em -> CustomerRepositories.on(em)
                    .save(aCustomer().withId("user_42").linkedTo("cus_1").build()));
            Subscription subscription = h2.inTransaction(em -> SubscriptionRepositories.on(em)
                    .save(aSubscription().withId("sub_1").forCustomer(customer.id()).onPlan(PlanId.PRO)
                            .cancellingAtPeriodEnd().build()));

            Optional<Customer> foundCustomer = h2.inTransaction(em -> CustomerRepositories.on(em).find(customer.id()));
            Optional<Subscription> foundSubscription =
                    h2.inTransaction(em -> SubscriptionRepositories.on(em).find(subscription.id()));

            assertThat(foundCustomer).contains(customer);
            assertThat(foundSubscription).contains(subscription);
            assertThat(h2.count("select count(*) from flyway_schema_history where success")).isPositive();

            String insertOnce = "insert into billing_action (idempotency_key, customer_id, kind, client_key, fingerprint, "
                    + "state, created_at) values ('k', 'user_42', 'CHECKOUT', 'c', 'f', 'PENDING', current_timestamp) "
                    + "on conflict do nothing";
            h2.execute(insertOnce);
            h2.execute(insertOnce);
            assertThat(h2.count("select count(*) from billing_action")).isEqualTo(1);
        }
    }
}
