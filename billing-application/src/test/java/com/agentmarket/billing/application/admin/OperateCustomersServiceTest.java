package com.agentmarket.billing.application.admin;

import static com.agentmarket.billing.application.fakes.TestBilling.PRO_PRICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.application.admin.port.in.CustomerDetail;
import com.agentmarket.billing.application.admin.port.out.AuditTrail;
import com.agentmarket.billing.application.fakes.InMemoryAuditTrail;
import com.agentmarket.billing.application.fakes.InMemoryInvoiceRepository;
import com.agentmarket.billing.application.fakes.InMemoryUsageLedger;
import com.agentmarket.billing.application.fakes.InMemoryWebhookInbox;
import com.agentmarket.billing.application.fakes.TestBilling;
import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.subscription.SubscriptionUseCases;
import com.agentmarket.billing.application.usage.UsageUseCases;
import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.domain.customer.AccountStatus;
import com.agentmarket.billing.domain.customer.Customer;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.plan.PlanId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OperateCustomersServiceTest {

    private final TestBilling billing = new TestBilling();
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final InMemoryWebhookInbox inbox = new InMemoryWebhookInbox();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final OperateCustomersService service = new OperateCustomersService(billing.customers, billing.subscriptions,
            billing.invoices, inbox, billing.operatorFlags, SubscriptionUseCases.getMySubscription(billing),
            UsageUseCases.getMyUsage(billing, ledger), audit, billing.tx, billing.clock);

    private CustomerId subscriber(String id) {
        CustomerId customer = billing.subscriber(id, PRO_PRICE, SubscriptionStatus.ACTIVE);
        billing.customers.save(billing.customers.find(customer).orElseThrow()
                .withEmail(Optional.of(new Email(id + "@example.com"))));
        return customer;
    }

    private void stripeSent(String eventId, String objectId) {
        inbox.store(new VerifiedEvent(eventId, "customer.subscription.updated", false, Optional.empty(),
                Instant.parse("2026-08-10T10:00:00Z"), Optional.of(objectId), OptionalInt.empty()), "{}", Optional.empty(),
                billing.clock.now());
    }

    @Test
    void an_operator_finds_a_customer_by_our_id_the_stripe_id_or_part_of_the_email() {
        subscriber("ada");
        subscriber("grace");

        assertThat(service.find("ada", 0, 10).items()).extracting(c -> c.id().value()).containsExactly("ada");
        assertThat(service.find("cus_grace", 0, 10).items()).extracting(c -> c.id().value()).containsExactly("grace");
        assertThat(service.find("@EXAMPLE", 0, 10).total()).isEqualTo(2);
        assertThat(service.find("@example", 1, 1).items()).extracting(c -> c.id().value()).containsExactly("grace");
    }

    @Test
    void inspecting_shows_the_plan_the_usage_and_only_this_customers_stripe_events() {
        CustomerId ada = subscriber("ada");
        subscriber("grace");
        ledger.alreadyUsed(ada, TestBilling.PERIOD, 250);
        stripeSent("evt_ada_sub", "sub_ada");
        stripeSent("evt_ada_customer", "cus_ada");
        stripeSent("evt_grace_sub", "sub_grace");

        CustomerDetail detail = service.inspect(ada);

        assertThat(detail.subscription().plan().id()).isEqualTo(PlanId.PRO);
        assertThat(detail.usage().usage().used()).isEqualTo(250);
        assertThat(detail.recentWebhookEvents()).extracting(event -> event.event().id())
                .containsExactlyInAnyOrder("evt_ada_sub", "evt_ada_customer");
    }

    @Test
    void a_suspension_takes_effect_and_is_audited_with_the_operator_and_reason() {
        CustomerId ada = subscriber("ada");

        Customer suspended = service.suspend("ops_1", ada, "chargeback under review");

        assertThat(suspended.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(billing.customers.find(ada).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(audit.entries()).containsExactly(new AuditTrail.Entry(billing.clock.now(), "ops_1", "customer.suspend",
                "ada", Optional.of("chargeback under review")));

        service.reinstate("ops_2", ada);

        assertThat(billing.customers.find(ada).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(audit.entries()).last().isEqualTo(new AuditTrail.Entry(billing.clock.now(), "ops_2", "customer.reinstate",
                "ada", Optional.empty()));
    }

    @Test
    void reinstating_an_active_customer_changes_nothing_and_the_trail_says_so() {
        CustomerId ada = subscriber("ada");
        Customer before = billing.customers.find(ada).orElseThrow();

        service.reinstate("ops_1", ada);

        assertThat(billing.customers.find(ada).orElseThrow()).isEqualTo(before);
        assertThat(audit.entries()).singleElement().satisfies(entry -> assertThat(entry.detail()).contains("no change"));
    }

    @Test
    void an_unknown_customer_is_not_found_and_nothing_is_audited() {
        assertThatThrownBy(() -> service.suspend("ops_1", new CustomerId("nobody"), "why"))
                .isInstanceOf(BillingRejection.class)
                .satisfies(e -> assertThat(((BillingRejection) e).reason()).isEqualTo(BillingRejection.Reason.NOT_FOUND));
        assertThat(audit.entries()).isEmpty();
    }
}
