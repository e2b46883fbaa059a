package com.agentmarket.billing.adapter.out.stripe;

import static com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures.CUSTOMER;
import static com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures.PERIOD_END;
import static com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures.PERIOD_START;
import static com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures.SUBSCRIPTION;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.agentmarket.billing.application.payment.GatewayMode;
import com.agentmarket.billing.application.payment.InvoiceSummary;
import com.agentmarket.billing.application.payment.PaymentMethodSummary;
import com.agentmarket.billing.application.payment.port.out.CheckoutRequest;
import com.agentmarket.billing.application.payment.port.out.HostedCheckout;
import com.agentmarket.billing.application.payment.port.out.InvoicePreviewRequest;
import com.agentmarket.billing.application.payment.port.out.PaymentGateway;
import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.payment.port.out.PriceDescription;
import com.agentmarket.billing.application.payment.port.out.SubscriptionSnapshot;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.customer.Email;
import com.agentmarket.billing.domain.customer.StripeCustomerId;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.Money;
import com.agentmarket.billing.domain.subscription.StripeSubscriptionId;
import com.agentmarket.billing.domain.subscription.SubscriptionItemId;
import com.agentmarket.billing.domain.subscription.SubscriptionStatus;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter through real stripe-java over HTTP, against WireMock answering as Stripe does. */
class StripePaymentGatewayTest {

    private static final String KEY = "sk_test_adapterTestNotARealKey";
    private static final StripeSubscriptionId SUB = new StripeSubscriptionId(SUBSCRIPTION);
    private static final StripeCustomerId CUS = new StripeCustomerId(CUSTOMER);

    private static WireMockServer stripe;
    private PaymentGateway gateway;

    @BeforeAll
    static void startStripeStub() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
    }

    @AfterAll
    static void stopStripeStub() {
        stripe.stop();
    }

    @BeforeEach
    void freshGateway() {
        stripe.resetAll();
        gateway = gatewayWith(Optional.of(KEY), 2, 1_000);
    }

    private static StripePaymentGateway gatewayWith(Optional<String> key, int retries, int readTimeoutMillis) {
        StripeSettings settings = new StripeSettings(key, Optional.of(stripe.baseUrl()), Optional.of(stripe.baseUrl()),
                1_000, readTimeoutMillis, retries, List.of(), "agent_execution", Optional.empty());
        Optional<StripeClient> client = key.map(k -> StripeClient.builder().setApiKey(k).setApiBase(stripe.baseUrl())
                .setConnectTimeout(1_000).setReadTimeout(readTimeoutMillis).setMaxNetworkRetries(retries).build());
        return new StripePaymentGateway(client, settings, StripeCallMetrics.none());
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = stripe.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void every_request_speaks_the_pinned_api_version_with_the_secret_key() {
        stripe.stubFor(get(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .willReturn(okJson(StripeFixtures.subscription("active", false).toString())));

        gateway.subscription(SUB);

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION).isEqualTo("2026-07-29.dahlia");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void a_customer_is_created_with_our_id_in_metadata_under_the_actions_idempotency_key() {
        stripe.stubFor(post(urlEqualTo("/v1/customers"))
                .willReturn(okJson(StripeFixtures.customer("cus_New0001", "jane.doe@example.com").toString())));

        StripeCustomerId created = gateway.createCustomer(new CustomerId("user_42"),
                Optional.of(new Email("jane.doe@example.com")), "action-key-1");

        assertThat(created).isEqualTo(new StripeCustomerId("cus_New0001"));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/customers"))
                .withHeader("Idempotency-Key", equalTo("action-key-1"))
                .withFormParam("email", equalTo("jane.doe@example.com"))
                .withFormParam("metadata[customer_id]", equalTo("user_42")));
    }

    @Test
    void a_customer_is_found_by_our_id_in_its_metadata_the_first_created_when_there_are_two() {
        com.google.gson.JsonObject later = StripeFixtures.customer("cus_later", "o'brien@example.com");
        later.addProperty("created", 1_790_000_000L);
        com.google.gson.JsonObject first = StripeFixtures.customer("cus_first", "o'brien@example.com");
        first.addProperty("created", 1_780_000_000L);
        com.google.gson.JsonObject result = new com.google.gson.JsonObject();
        result.addProperty("object", "search_result");
        com.google.gson.JsonArray data = new com.google.gson.JsonArray();
        data.add(later);
        data.add(first);
        result.add("data", data);
        result.addProperty("has_more", false);
        result.addProperty("url", "/v1/customers/search");
        stripe.stubFor(get(urlPathEqualTo("/v1/customers/search")).willReturn(okJson(result.toString())));

        assertThat(gateway.findCustomer(new CustomerId("o'brien"))).contains(new StripeCustomerId("cus_first"));
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/customers/search"))
                .withQueryParam("query", equalTo("metadata['customer_id']:'o\\'brien'")));
    }

    @Test
    void no_customer_found_by_our_id_is_empty() {
        stripe.stubFor(get(urlPathEqualTo("/v1/customers/search")).willReturn(okJson(
                "{\"object\":\"search_result\",\"data\":[],\"has_more\":false,\"url\":\"/v1/customers/search\"}")));

        assertThat(gateway.findCustomer(new CustomerId("user_42"))).isEmpty();
    }

    @Test
    void a_checkout_session_sells_the_price_for_our_customer_in_subscription_mode() {
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(okJson(StripeFixtures.checkoutSession(
                "cs_test_new", CUSTOMER, "user_42", null, false).toString())));

        HostedCheckout session = gateway.createCheckoutSession(new CheckoutRequest(CUS, new CustomerId("user_42"),
                new PriceId("price_pro"), Optional.empty(), "https://app.example.com/ok?session_id={CHECKOUT_SESSION_ID}",
                "https://app.example.com/cancel", OptionalInt.empty(), false, false), "action-key-2");

        assertThat(session).isEqualTo(new HostedCheckout("cs_test_new", "https://checkout.stripe.com/c/pay/cs_test_new"));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Idempotency-Key", equalTo("action-key-2"))
                .withFormParam("mode", equalTo("subscription"))
                .withFormParam("customer", equalTo(CUSTOMER))
                .withFormParam("client_reference_id", equalTo("user_42"))
                .withFormParam("metadata[customer_id]", equalTo("user_42"))
                .withFormParam("subscription_data[metadata][customer_id]", equalTo("user_42"))
                .withFormParam("line_items[0][price]", equalTo("price_pro"))
                .withFormParam("line_items[0][quantity]", equalTo("1"))
                .withFormParam("success_url", equalTo("https://app.example.com/ok?session_id={CHECKOUT_SESSION_ID}"))
                .withFormParam("cancel_url", equalTo("https://app.example.com/cancel"))
                .withFormParam("line_items[1][price]", absent())
                .withFormParam("subscription_data[trial_period_days]", absent())
                .withFormParam("allow_promotion_codes", absent())
                .withFormParam("automatic_tax[enabled]", absent()));
    }

    @Test
    void a_trial_promotion_codes_and_stripe_tax_are_asked_for_when_the_request_says_so() {
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(okJson(StripeFixtures.checkoutSession(
                "cs_test_new", CUSTOMER, "user_42", null, false).toString())));

        gateway.createCheckoutSession(new CheckoutRequest(CUS, new CustomerId("user_42"), new PriceId("price_pro"),
                Optional.empty(), "https://app.example.com/ok", "https://app.example.com/no", OptionalInt.of(14), true, true),
                "k");

        stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withFormParam("subscription_data[trial_period_days]", equalTo("14"))
                .withFormParam("allow_promotion_codes", equalTo("true"))
                .withFormParam("automatic_tax[enabled]", equalTo("true"))
                .withFormParam("billing_address_collection", equalTo("required"))
                .withFormParam("tax_id_collection[enabled]", equalTo("true"))
                .withFormParam("customer_update[address]", equalTo("auto"))
                .withFormParam("customer_update[name]", equalTo("auto")));
    }

    @Test
    void with_overage_billing_the_metered_price_is_a_second_line_item_without_quantity() {
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions")).willReturn(okJson(StripeFixtures.checkoutSession(
                "cs_test_new", CUSTOMER, "user_42", null, false).toString())));

        gateway.createCheckoutSession(new CheckoutRequest(CUS, new CustomerId("user_42"), new PriceId("price_pro"),
                Optional.of(new PriceId("price_metered")), "https://app.example.com/ok", "https://app.example.com/no",
                OptionalInt.empty(), false, false), "k");

        stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
                .withFormParam("line_items[1][price]", equalTo("price_metered"))
                .withFormParam("line_items[1][quantity]", absent()));
    }

    @Test
    void a_subscription_is_read_with_its_period_from_the_items_as_in_api_2026_07_29() {
        stripe.stubFor(get(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .willReturn(okJson(StripeFixtures.subscription("past_due", true).toString())));

        SubscriptionSnapshot snapshot = gateway.subscription(SUB).orElseThrow();

        assertThat(snapshot.id()).isEqualTo(SUB);
        assertThat(snapshot.customer()).isEqualTo(CUS);
        assertThat(snapshot.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(snapshot.prices()).containsExactly(new PriceId(StripeFixtures.BASIC_PRICE));
        assertThat(snapshot.currentPeriod().start()).isEqualTo(Instant.ofEpochSecond(PERIOD_START));
        assertThat(snapshot.currentPeriod().end()).isEqualTo(Instant.ofEpochSecond(PERIOD_END));
        assertThat(snapshot.cancelAtPeriodEnd()).isTrue();
        assertThat(snapshot.cancelAt()).contains(Instant.ofEpochSecond(PERIOD_END));
        assertThat(snapshot.customerIdMetadata()).contains("user_42");
        assertThat(snapshot.livemode()).isFalse();
    }

    @Test
    void a_subscription_stripe_does_not_know_is_absent_not_an_error() {
        stripe.stubFor(get(urlEqualTo("/v1/subscriptions/sub_gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("invalid_request_error", "resource_missing", "No such subscription: 'sub_gone'"))));

        assertThat(gateway.subscription(new StripeSubscriptionId("sub_gone"))).isEmpty();
    }

    @Test
    void cancelling_at_period_end_and_undoing_it_update_the_subscription_under_the_actions_key() {
        stripe.stubFor(post(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .willReturn(okJson(StripeFixtures.subscription("active", true).toString())));

        SubscriptionSnapshot cancelled = gateway.scheduleCancellation(SUB, "cancel-key");

        assertThat(cancelled.cancelAtPeriodEnd()).isTrue();
        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .withHeader("Idempotency-Key", equalTo("cancel-key"))
                .withFormParam("cancel_at_period_end", equalTo("true")));

        gateway.undoScheduledCancellation(SUB, false, "resume-key");
        gateway.undoScheduledCancellation(SUB, true, "undo-date-key");

        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .withHeader("Idempotency-Key", equalTo("resume-key"))
                .withFormParam("cancel_at_period_end", equalTo("false"))
                .withFormParam("cancel_at", absent()));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .withHeader("Idempotency-Key", equalTo("undo-date-key"))
                .withFormParam("cancel_at", equalTo(""))
                .withFormParam("cancel_at_period_end", absent()));
    }

    @Test
    void a_subscription_reports_when_stripe_created_it_and_its_latest_invoice() {
        stripe.stubFor(get(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .willReturn(okJson(StripeFixtures.subscription("active", false).toString())));

        SubscriptionSnapshot snapshot = gateway.subscription(SUB).orElseThrow();

        assertThat(snapshot.created()).isEqualTo(java.time.Instant.ofEpochSecond(PERIOD_START));
        assertThat(snapshot.latestInvoice()).contains("in_1TSvcInvoice0000000001");
    }

    @Test
    void an_open_checkout_session_is_expired_under_its_own_key() {
        String session = StripeFixtures.CHECKOUT_SESSION;
        com.google.gson.JsonObject expired = StripeFixtures.checkoutSession(session, CUSTOMER, "user_42", null, false);
        expired.addProperty("status", "expired");
        stripe.stubFor(post(urlEqualTo("/v1/checkout/sessions/" + session + "/expire")).willReturn(okJson(expired.toString())));

        assertThat(gateway.expireCheckoutSession(session, "expire-key").isExpired()).isTrue();

        stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions/" + session + "/expire"))
                .withHeader("Idempotency-Key", equalTo("expire-key")));
    }

    @Test
    void ending_a_subscription_now_leaves_no_proration_credit_and_the_refund_is_a_credit_note() {
        stripe.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .willReturn(okJson(StripeFixtures.subscription("canceled", false).toString())));
        stripe.stubFor(post(urlEqualTo("/v1/credit_notes")).willReturn(okJson("{\"id\": \"cn_1\", \"object\": "
                + "\"credit_note\", \"invoice\": \"in_1TSvcInvoice0000000001\"}")));

        assertThat(gateway.cancelNow(SUB, "cancel-now-key").status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(gateway.refund("in_1TSvcInvoice0000000001", Money.usd(1450), "duplicate", "refund-key")).isEqualTo("cn_1");

        stripe.verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlPathEqualTo("/v1/subscriptions/" + SUBSCRIPTION)).withHeader("Idempotency-Key", equalTo("cancel-now-key"))
                .withQueryParam("prorate", equalTo("false")).withQueryParam("invoice_now", equalTo("false")));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/credit_notes"))
                .withHeader("Idempotency-Key", equalTo("refund-key"))
                .withFormParam("invoice", equalTo("in_1TSvcInvoice0000000001"))
                .withFormParam("amount", equalTo("1450"))
                .withFormParam("refund_amount", equalTo("1450"))
                .withFormParam("reason", equalTo("duplicate"))
                .withFormParam("metadata[billing_action]", equalTo("refund-key")));
    }

    @Test
    void an_invoices_credit_notes_say_which_action_of_ours_made_them() {
        stripe.stubFor(get(urlPathEqualTo("/v1/credit_notes")).withQueryParam("invoice", equalTo("in_1"))
                .willReturn(okJson(StripeFixtures.list("/v1/credit_notes",
                        com.google.gson.JsonParser.parseString("{\"id\": \"cn_ours\", \"object\": \"credit_note\", "
                                + "\"invoice\": \"in_1\", \"amount\": 1450, \"currency\": \"usd\", "
                                + "\"metadata\": {\"billing_action\": \"refund-key\"}}"),
                        com.google.gson.JsonParser.parseString("{\"id\": \"cn_other\", \"object\": \"credit_note\", "
                                + "\"invoice\": \"in_1\", \"amount\": 100, \"currency\": \"usd\", \"metadata\": {}}")))));

        assertThat(gateway.creditNotes("in_1")).containsExactly(
                new com.agentmarket.billing.application.payment.port.out.CreditNote("cn_ours", "in_1", Money.usd(1450),
                        Optional.of("refund-key")),
                new com.agentmarket.billing.application.payment.port.out.CreditNote("cn_other", "in_1", Money.usd(100),
                        Optional.empty()));
    }

    @Test
    void a_paused_subscription_is_resumed_with_stripes_resume_call() {
        stripe.stubFor(post(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION + "/resume"))
                .willReturn(okJson(StripeFixtures.subscription("active", false).toString())));

        assertThat(gateway.resumePaused(SUB, "resume-key").status()).isEqualTo(SubscriptionStatus.ACTIVE);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION + "/resume"))
                .withHeader("Idempotency-Key", equalTo("resume-key"))
                .withFormParam("billing_cycle_anchor", equalTo("unchanged")));
    }

    @Test
    void a_plan_change_is_previewed_with_the_new_price_on_the_subscriptions_item() {
        com.google.gson.JsonObject preview = StripeFixtures.invoice();
        preview.addProperty("amount_due", 4335);
        stripe.stubFor(post(urlEqualTo("/v1/invoices/create_preview")).willReturn(okJson(preview.toString())));

        Money due = gateway.previewInvoice(new InvoicePreviewRequest(CUS, new StripeSubscriptionId(SUBSCRIPTION),
                new SubscriptionItemId("si_basic"), new PriceId("price_pro"), true, false));

        assertThat(due).isEqualTo(Money.usd(4335));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/invoices/create_preview"))
                .withFormParam("customer", equalTo(CUSTOMER))
                .withFormParam("subscription", equalTo(SUBSCRIPTION))
                .withFormParam("subscription_details[items][0][id]", equalTo("si_basic"))
                .withFormParam("subscription_details[items][0][price]", equalTo("price_pro"))
                .withFormParam("subscription_details[proration_behavior]", equalTo("always_invoice"))
                .withFormParam("automatic_tax[enabled]", absent()));
    }

    @Test
    void with_stripe_tax_the_preview_asks_stripe_to_compute_the_tax() {
        stripe.stubFor(post(urlEqualTo("/v1/invoices/create_preview")).willReturn(okJson(StripeFixtures.invoice().toString())));

        gateway.previewInvoice(new InvoicePreviewRequest(CUS, SUB, new SubscriptionItemId("si_basic"),
                new PriceId("price_pro"), false, true));

        stripe.verify(postRequestedFor(urlEqualTo("/v1/invoices/create_preview"))
                .withFormParam("automatic_tax[enabled]", equalTo("true"))
                .withFormParam("subscription_details[proration_behavior]", equalTo("none")));
    }

    @Test
    void an_upgrade_moves_the_item_to_the_price_with_the_proration_invoiced_now_and_pending_if_unpaid() {
        com.google.gson.JsonObject declined = StripeFixtures.subscription("active", false);
        com.google.gson.JsonObject pending = new com.google.gson.JsonObject();
        pending.addProperty("expires_at", PERIOD_START + 82_800);
        declined.add("pending_update", pending);
        stripe.stubFor(post(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION)).willReturn(okJson(declined.toString())));

        SubscriptionSnapshot answer = gateway.changePriceNow(SUB, new SubscriptionItemId("si_basic"),
                new PriceId("price_pro"), "upgrade-key");

        assertThat(answer.upgradeAwaitingPayment()).contains(Instant.ofEpochSecond(PERIOD_START + 82_800));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .withHeader("Idempotency-Key", equalTo("upgrade-key"))
                .withFormParam("items[0][id]", equalTo("si_basic"))
                .withFormParam("items[0][price]", equalTo("price_pro"))
                .withFormParam("proration_behavior", equalTo("always_invoice"))
                .withFormParam("payment_behavior", equalTo("pending_if_incomplete"))
                .withFormParam("billing_cycle_anchor", absent()));
    }

    @Test
    void a_subscription_under_a_schedule_is_read_with_the_schedules_next_phase() {
        com.google.gson.JsonObject managed = StripeFixtures.subscription("active", false);
        managed.addProperty("schedule", "sub_sched_1");
        stripe.stubFor(get(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION)).willReturn(okJson(managed.toString())));
        stripe.stubFor(get(urlEqualTo("/v1/subscription_schedules/sub_sched_1")).willReturn(okJson(StripeFixtures.schedule(
                "sub_sched_1", SUBSCRIPTION, CUSTOMER, StripeFixtures.PRO_PRICE, StripeFixtures.BASIC_PRICE, PERIOD_START,
                PERIOD_END).toString())));

        SubscriptionSnapshot snapshot = gateway.subscription(SUB).orElseThrow();

        assertThat(snapshot.upgradeAwaitingPayment()).isEmpty();
        assertThat(snapshot.schedule()).hasValueSatisfying(schedule -> {
            assertThat(schedule.id()).isEqualTo("sub_sched_1");
            assertThat(schedule.currentPhaseStart()).isEqualTo(Instant.ofEpochSecond(PERIOD_START));
            assertThat(schedule.next()).hasValueSatisfying(next -> {
                assertThat(next.prices()).containsExactly(new PriceId(StripeFixtures.BASIC_PRICE));
                assertThat(next.start()).isEqualTo(Instant.ofEpochSecond(PERIOD_END));
            });
        });
    }

    @Test
    void a_downgrade_puts_the_subscription_under_a_schedule_whose_next_phase_bills_the_cheaper_price() {
        com.google.gson.JsonObject created = StripeFixtures.schedule("sub_sched_2", SUBSCRIPTION, CUSTOMER,
                StripeFixtures.PRO_PRICE, null, PERIOD_START, PERIOD_END);
        stripe.stubFor(post(urlEqualTo("/v1/subscription_schedules")).willReturn(okJson(created.toString())));
        stripe.stubFor(get(urlEqualTo("/v1/subscription_schedules/sub_sched_2")).willReturn(okJson(created.toString())));
        stripe.stubFor(post(urlEqualTo("/v1/subscription_schedules/sub_sched_2")).willReturn(okJson(StripeFixtures.schedule(
                "sub_sched_2", SUBSCRIPTION, CUSTOMER, StripeFixtures.PRO_PRICE, StripeFixtures.BASIC_PRICE, PERIOD_START,
                PERIOD_END).toString())));

        String schedule = gateway.scheduleFromSubscription(SUB, "schedule-key");
        gateway.schedulePlanChange(new com.agentmarket.billing.application.payment.port.out.PlanChangeSchedule(schedule,
                new com.agentmarket.billing.domain.subscription.BillingPeriod(Instant.ofEpochSecond(PERIOD_START),
                        Instant.ofEpochSecond(PERIOD_END)),
                List.of(new PriceId("price_pro"), new PriceId("price_metered")),
                List.of(new PriceId("price_basic"), new PriceId("price_metered")), Optional.of(new PriceId("price_metered")),
                true), "phases-key");

        assertThat(schedule).isEqualTo("sub_sched_2");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscription_schedules"))
                .withHeader("Idempotency-Key", equalTo("schedule-key"))
                .withFormParam("from_subscription", equalTo(SUBSCRIPTION)));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscription_schedules/sub_sched_2"))
                .withHeader("Idempotency-Key", equalTo("phases-key"))
                .withFormParam("end_behavior", equalTo("release"))
                .withFormParam("proration_behavior", equalTo("none"))
                .withFormParam("phases[0][start_date]", equalTo(String.valueOf(PERIOD_START)))
                .withFormParam("phases[0][end_date]", equalTo(String.valueOf(PERIOD_END)))
                .withFormParam("phases[0][items][0][price]", equalTo("price_pro"))
                .withFormParam("phases[0][items][0][quantity]", equalTo("1"))
                .withFormParam("phases[0][items][1][price]", equalTo("price_metered"))
                .withFormParam("phases[0][items][1][quantity]", absent())
                .withFormParam("phases[1][items][0][price]", equalTo("price_basic"))
                .withFormParam("phases[1][items][1][price]", equalTo("price_metered"))
                .withFormParam("phases[1][duration][interval]", equalTo("month"))
                .withFormParam("phases[1][duration][interval_count]", equalTo("1"))
                .withFormParam("phases[1][automatic_tax][enabled]", equalTo("true")));
    }

    @Test
    void the_current_phases_trial_discount_and_tax_are_sent_again_and_the_discount_and_tax_carry_on() {
        com.google.gson.JsonObject schedule = StripeFixtures.schedule("sub_sched_4", SUBSCRIPTION, CUSTOMER,
                StripeFixtures.PRO_PRICE, null, PERIOD_START, PERIOD_END);
        com.google.gson.JsonObject phase = schedule.getAsJsonArray("phases").get(0).getAsJsonObject();
        phase.addProperty("trial_end", PERIOD_START + 7 * 86_400);
        com.google.gson.JsonObject discount = new com.google.gson.JsonObject();
        discount.addProperty("discount", "di_launch");
        discount.addProperty("coupon", "LAUNCH");
        com.google.gson.JsonArray discounts = new com.google.gson.JsonArray();
        discounts.add(discount);
        phase.add("discounts", discounts);
        com.google.gson.JsonObject tax = new com.google.gson.JsonObject();
        tax.addProperty("enabled", true);
        phase.add("automatic_tax", tax);
        stripe.stubFor(get(urlEqualTo("/v1/subscription_schedules/sub_sched_4")).willReturn(okJson(schedule.toString())));
        stripe.stubFor(post(urlEqualTo("/v1/subscription_schedules/sub_sched_4")).willReturn(okJson(schedule.toString())));

        gateway.schedulePlanChange(new com.agentmarket.billing.application.payment.port.out.PlanChangeSchedule("sub_sched_4",
                new com.agentmarket.billing.domain.subscription.BillingPeriod(Instant.ofEpochSecond(PERIOD_START),
                        Instant.ofEpochSecond(PERIOD_END)), List.of(new PriceId("price_pro")),
                List.of(new PriceId("price_basic")), Optional.empty(), false), "phases-key");

        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscription_schedules/sub_sched_4"))
                .withFormParam("phases[0][trial_end]", equalTo(String.valueOf(PERIOD_START + 7 * 86_400)))
                .withFormParam("phases[0][discounts][0][discount]", equalTo("di_launch"))
                .withFormParam("phases[0][discounts][0][coupon]", absent())
                .withFormParam("phases[0][automatic_tax][enabled]", equalTo("true"))
                .withFormParam("phases[1][discounts][0][discount]", equalTo("di_launch"))
                .withFormParam("phases[1][automatic_tax][enabled]", equalTo("true"))
                .withFormParam("phases[1][trial_end]", absent()));
    }

    @Test
    void stripe_tax_is_turned_on_for_a_subscription_without_prorating() {
        com.google.gson.JsonObject taxed = StripeFixtures.subscription("active", false);
        com.google.gson.JsonObject tax = new com.google.gson.JsonObject();
        tax.addProperty("enabled", true);
        taxed.add("automatic_tax", tax);
        stripe.stubFor(post(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION)).willReturn(okJson(taxed.toString())));

        assertThat(gateway.enableAutomaticTax(SUB, "tax-key").automaticTax()).isTrue();
        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .withHeader("Idempotency-Key", equalTo("tax-key"))
                .withFormParam("automatic_tax[enabled]", equalTo("true"))
                .withFormParam("proration_behavior", equalTo("none")));
    }

    @Test
    void releasing_a_schedule_keeps_the_subscription_and_a_released_schedule_still_names_it() {
        com.google.gson.JsonObject released = StripeFixtures.schedule("sub_sched_3", null, CUSTOMER,
                StripeFixtures.PRO_PRICE, null, PERIOD_START, PERIOD_END);
        released.add("subscription", null);
        released.addProperty("released_subscription", SUBSCRIPTION);
        released.addProperty("status", "released");
        stripe.stubFor(post(urlEqualTo("/v1/subscription_schedules/sub_sched_3/release")).willReturn(okJson(released.toString())));
        stripe.stubFor(get(urlEqualTo("/v1/subscription_schedules/sub_sched_3")).willReturn(okJson(released.toString())));

        gateway.releaseSchedule("sub_sched_3", "release-key");

        stripe.verify(postRequestedFor(urlEqualTo("/v1/subscription_schedules/sub_sched_3/release"))
                .withHeader("Idempotency-Key", equalTo("release-key")));
        assertThat(gateway.subscriptionOfSchedule("sub_sched_3")).contains(SUB);
    }

    @Test
    void an_invoice_with_stripe_tax_answers_its_tax_and_total() {
        com.google.gson.JsonObject taxed = StripeFixtures.invoice();
        taxed.addProperty("total", 3161);
        com.google.gson.JsonArray taxes = new com.google.gson.JsonArray();
        com.google.gson.JsonObject vat = new com.google.gson.JsonObject();
        vat.addProperty("amount", 261);
        vat.addProperty("taxable_amount", 2900);
        vat.addProperty("tax_behavior", "exclusive");
        taxes.add(vat);
        taxed.add("total_taxes", taxes);
        stripe.stubFor(get(urlPathEqualTo("/v1/invoices")).willReturn(okJson(StripeFixtures.list("/v1/invoices", taxed))));

        assertThat(gateway.invoices(CUS, 10)).singleElement().satisfies(invoice -> {
            assertThat(invoice.tax()).isEqualTo(Money.usd(261));
            assertThat(invoice.total()).isEqualTo(Money.usd(3161));
        });
    }

    @Test
    void payment_methods_invoices_and_portal_come_back_in_our_terms() {
        stripe.stubFor(get(urlPathEqualTo("/v1/customers/" + CUSTOMER + "/payment_methods")).willReturn(okJson(
                StripeFixtures.list("/v1/customers/" + CUSTOMER + "/payment_methods", StripeFixtures.paymentMethod()))));
        stripe.stubFor(get(urlPathEqualTo("/v1/invoices"))
                .willReturn(okJson(StripeFixtures.list("/v1/invoices", StripeFixtures.invoice()))));
        stripe.stubFor(post(urlEqualTo("/v1/billing_portal/sessions"))
                .willReturn(okJson(StripeFixtures.portalSession("https://billing.stripe.com/p/session/test_1").toString())));

        List<PaymentMethodSummary> methods = gateway.paymentMethods(CUS);
        List<InvoiceSummary> invoices = gateway.invoices(CUS, 10);
        String portal = gateway.createPortalSession(CUS, "https://app.example.com/account", "portal-key");

        assertThat(methods).containsExactly(new PaymentMethodSummary("pm_1Pgc75B7WZ01zgkWlHVgdEGJ", "card",
                Optional.of(new PaymentMethodSummary.Card("visa", "4242", 8, 2030))));
        assertThat(invoices).singleElement().satisfies(invoice -> {
            assertThat(invoice.id()).isEqualTo("in_1TSvcInvoice0000000001");
            assertThat(invoice.amountDue()).isEqualTo(Money.usd(2900));
            assertThat(invoice.amountPaid()).isEqualTo(Money.usd(2900));
            assertThat(invoice.status()).isEqualTo("paid");
            assertThat(invoice.created()).isEqualTo(Instant.ofEpochSecond(1785751200L));
            assertThat(invoice.invoicePdf()).hasValueSatisfying(pdf -> assertThat(pdf).startsWith("https://pay.stripe.com/"));
            assertThat(invoice.tax()).isEqualTo(Money.usd(0));
            assertThat(invoice.total()).isEqualTo(Money.usd(2900));
        });
        assertThat(portal).isEqualTo("https://billing.stripe.com/p/session/test_1");
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/invoices"))
                .withQueryParam("customer", equalTo(CUSTOMER)).withQueryParam("limit", equalTo("10")));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/billing_portal/sessions"))
                .withHeader("Idempotency-Key", equalTo("portal-key"))
                .withFormParam("customer", equalTo(CUSTOMER))
                .withFormParam("return_url", equalTo("https://app.example.com/account")));
    }

    @Test
    void an_invoice_names_its_subscription_through_its_parent_as_in_api_2026_07_29() {
        stripe.stubFor(get(urlEqualTo("/v1/invoices/in_1TSvcInvoice0000000002"))
                .willReturn(okJson(StripeFixtures.eventObject("invoice.payment_failed").toString())));

        var invoice = gateway.invoice("in_1TSvcInvoice0000000002").orElseThrow();

        assertThat(invoice.subscription()).contains(SUB);
        assertThat(invoice.customer()).isEqualTo(CUS);
        assertThat(invoice.status()).isEqualTo("open");
        assertThat(invoice.isPaid()).isFalse();
        assertThat(invoice.attemptCount()).isEqualTo(1);
        assertThat(invoice.amountDue()).isEqualTo(Money.usd(2900));
        assertThat(invoice.nextPaymentAttempt()).contains(Instant.ofEpochSecond(1788692400L));
        assertThat(invoice.hostedInvoiceUrl()).isPresent();
    }

    @Test
    void a_price_is_described_for_the_configuration_check() {
        stripe.stubFor(get(urlEqualTo("/v1/prices/price_pro"))
                .willReturn(okJson(StripeFixtures.price("price_pro", 9900, "month").toString())));

        assertThat(gateway.price(new PriceId("price_pro"))).contains(new PriceDescription(new PriceId("price_pro"),
                Optional.of(Money.usd(9900)), Optional.of("month"), true));
    }

    @Test
    void a_declined_card_is_refused_with_stripes_message() {
        stripe.stubFor(post(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION + "/resume")).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("card_error", "card_declined", "Your card was declined."))));

        assertThatThrownBy(() -> gateway.resumePaused(SUB, "k"))
                .isInstanceOfSatisfying(PaymentGatewayException.Rejected.class, rejected ->
                        assertThat(rejected.kind()).isEqualTo(PaymentGatewayException.Rejected.Kind.CARD_DECLINED))
                .hasMessage("Your card was declined.");
    }

    @Test
    void an_invalid_request_is_refused_with_stripes_message() {
        stripe.stubFor(post(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("invalid_request_error", null, "This subscription can't be updated."))));

        assertThatThrownBy(() -> gateway.scheduleCancellation(SUB, "k"))
                .isInstanceOfSatisfying(PaymentGatewayException.Rejected.class, rejected ->
                        assertThat(rejected.kind()).isEqualTo(PaymentGatewayException.Rejected.Kind.INVALID_REQUEST))
                .hasMessage("This subscription can't be updated.");
    }

    @Test
    void a_rate_limit_is_unavailability_and_not_hammered() {
        stripe.stubFor(post(urlEqualTo("/v1/customers")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("invalid_request_error", "rate_limit", "Too many requests"))));

        assertThatThrownBy(() -> gateway.createCustomer(new CustomerId("user_42"), Optional.empty(), "k"))
                .isInstanceOfSatisfying(PaymentGatewayException.Unavailable.class,
                        unavailable -> assertThat(unavailable.retryAfter()).isPositive());
        stripe.verify(1, postRequestedFor(urlEqualTo("/v1/customers")));
    }

    @Test
    void a_server_error_is_retried_with_the_same_idempotency_key_then_reported_unavailable() {
        stripe.stubFor(post(urlEqualTo("/v1/customers")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("api_error", null, "Something went wrong"))));

        assertThatThrownBy(() -> gateway.createCustomer(new CustomerId("user_42"), Optional.empty(), "same-key"))
                .isInstanceOf(PaymentGatewayException.Unavailable.class);
        stripe.verify(3, postRequestedFor(urlEqualTo("/v1/customers")).withHeader("Idempotency-Key", equalTo("same-key")));
    }

    @Test
    void a_stripe_that_does_not_answer_in_time_is_unavailable() {
        gateway = gatewayWith(Optional.of(KEY), 0, 300);
        stripe.stubFor(get(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION))
                .willReturn(okJson(StripeFixtures.subscription("active", false).toString()).withFixedDelay(2_000)));

        assertThatThrownBy(() -> gateway.subscription(SUB)).isInstanceOf(PaymentGatewayException.Unavailable.class);
    }

    @Test
    void a_rejected_key_is_unavailability_that_never_repeats_stripes_message_with_the_key() {
        stripe.stubFor(get(urlEqualTo("/v1/subscriptions/" + SUBSCRIPTION)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(StripeFixtures.error("invalid_request_error", null, "Invalid API Key provided: " + KEY))));

        assertThatThrownBy(() -> gateway.subscription(SUB))
                .isInstanceOf(PaymentGatewayException.Unavailable.class)
                .satisfies(failure -> {
                    assertThat(failure.getMessage()).doesNotContain(KEY);
                    assertThat(failure.getCause()).isNull();
                });
    }

    @Test
    void without_a_secret_key_stripe_features_are_unavailable_and_say_why() {
        PaymentGateway unconfigured = gatewayWith(Optional.empty(), 0, 1_000);

        assertThat(unconfigured.mode()).isEqualTo(GatewayMode.NOT_CONFIGURED);
        assertThatThrownBy(() -> unconfigured.paymentMethods(CUS))
                .isInstanceOf(PaymentGatewayException.Unavailable.class).hasMessageContaining("STRIPE_SECRET_KEY");
        assertThat(stripe.getAllServeEvents()).isEmpty();
    }

    @Test
    void the_key_tells_test_from_live_mode() {
        assertThat(gateway.mode()).isEqualTo(GatewayMode.TEST);
        assertThat(gatewayWith(Optional.of("rk_live_1"), 0, 1_000).mode()).isEqualTo(GatewayMode.LIVE);
        assertThat(new StripeSettings(Optional.of("sk_live_secret"), Optional.empty(), Optional.empty(), 1, 1, 0, List.of(), "agent_execution",
                Optional.empty()).toString())
                .doesNotContain("sk_live_secret");
    }
}
