package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentmarket.billing.adapter.in.rest.admin.CustomerAdminResource.CustomerJson;
import com.agentmarket.billing.adapter.in.rest.admin.CustomerAdminResource.SuspensionJson;
import com.agentmarket.billing.adapter.in.rest.admin.PageJson;
import com.agentmarket.billing.adapter.in.rest.checkout.CheckoutResource.CheckoutSessionJson;
import com.agentmarket.billing.adapter.in.rest.payment.PaymentAccountResource.InvoiceJson;
import com.agentmarket.billing.adapter.in.rest.payment.PaymentAccountResource.PaymentMethodJson;
import com.agentmarket.billing.adapter.in.rest.plan.PlanResource.PlanJson;
import com.agentmarket.billing.adapter.in.rest.subscription.SubscriptionJson;
import com.agentmarket.billing.adapter.in.rest.subscription.SubscriptionResource.CancellationJson;
import com.agentmarket.billing.adapter.in.rest.usage.ExecutionResource.ExecutionJson;
import com.agentmarket.billing.adapter.in.rest.usage.ExecutionResource.RefusalJson;
import com.agentmarket.billing.adapter.in.rest.usage.UsageRecordResource.UsageRecordJson;
import com.agentmarket.billing.adapter.in.rest.usage.UsageResource.UsageJson;
import com.agentmarket.billing.adapter.in.rest.webhook.WebhookResource.ReceiptJson;
import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Answers list their fields in the order of the README's API table (the product guide's), as Yasson writes them with
 * the API's own configuration, not in JSON-B's alphabetical or hash order.
 */
class JsonOrderTest {

    private final Jsonb jsonb = new JsonConfiguration().getContext(Object.class);

    @Test
    void the_subscription_is_written_in_the_guides_order() {
        SubscriptionJson subscription = new SubscriptionJson("sub_1", "active", 1_785_751_200L, 1_788_429_600L, false,
                "Pro", new BigDecimal("99.00"), null, new SubscriptionJson.PendingChangeJson("basic", 1_788_429_600L));

        assertThat(jsonb.toJson(subscription)).isEqualTo("{\"id\":\"sub_1\",\"status\":\"active\","
                + "\"current_period_start\":1785751200,\"current_period_end\":1788429600,\"cancel_at_period_end\":false,"
                + "\"plan_name\":\"Pro\",\"plan_amount\":99.00,\"trial_end\":null,"
                + "\"pending_change\":{\"plan\":\"basic\",\"effective_at\":1788429600}}");
    }

    @Test
    void on_free_the_subscription_id_is_written_as_null_first() {
        SubscriptionJson free = new SubscriptionJson(null, "active", 1_785_542_400L, 1_788_220_800L, false, "Free",
                new BigDecimal("0.00"), null, null);

        assertThat(jsonb.toJson(free)).startsWith("{\"id\":null,\"status\":\"active\",")
                .endsWith("\"plan_amount\":0.00,\"trial_end\":null,\"pending_change\":null}");
    }

    @Test
    void usage_is_written_plan_used_limit_remaining_then_the_period_with_nulls_when_unlimited() {
        assertThat(jsonb.toJson(new UsageJson("enterprise", 5_000, null, null, 1_785_542_400L, 1_788_220_800L)))
                .isEqualTo("{\"plan\":\"enterprise\",\"used\":5000,\"limit\":null,\"remaining\":null,"
                        + "\"period_start\":1785542400,\"period_end\":1788220800}");
    }

    @Test
    void a_plan_is_written_in_the_guides_order() {
        PlanJson pro = new PlanJson("pro", "Pro", new BigDecimal("99.00"), "usd", "month", 1_000L,
                List.of("1,000 executions/month", "Priority support"), "price_pro");

        assertThat(jsonb.toJson(List.of(pro))).isEqualTo("[{\"id\":\"pro\",\"name\":\"Pro\",\"amount\":99.00,"
                + "\"currency\":\"usd\",\"interval\":\"month\",\"executions_per_month\":1000,"
                + "\"features\":[\"1,000 executions/month\",\"Priority support\"],\"price_id\":\"price_pro\"}]");
    }

    @Test
    void a_problem_is_written_type_title_status_detail() {
        assertThat(jsonb.toJson(Problem.of(ProblemType.NOT_FOUND, "No such customer.")))
                .isEqualTo("{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"No such customer.\"}");
    }

    @Test
    void a_refused_execution_is_the_problem_members_then_the_same_figures_as_an_admitted_one() {
        RefusalJson refusal = new RefusalJson("/problems/quota-exceeded", "The plan's executions for this period are used up",
                402, "All 10 executions of this period are used.", "exec-11", 10, 10L, 0L, 1_788_220_800L);

        assertThat(keys(jsonb.toJson(refusal))).containsExactly("type", "title", "status", "detail", "execution_id",
                "used", "limit", "remaining", "period_end");
        assertThat(keys(jsonb.toJson(new ExecutionJson("exec-1", 1, 10L, 9L, 1_788_220_800L))))
                .containsExactly("execution_id", "used", "limit", "remaining", "period_end");
    }

    @Test
    void the_other_answers_follow_the_readme_table() {
        assertThat(keys(jsonb.toJson(new CheckoutSessionJson("cs_1", "https://checkout.stripe.com/c/cs_1"))))
                .containsExactly("session_id", "url");
        assertThat(keys(jsonb.toJson(new CancellationJson("Cancels at period end.", 1_788_429_600L))))
                .containsExactly("message", "cancel_at");
        assertThat(keys(jsonb.toJson(new PaymentMethodJson("pm_1", "card", "visa", "4242", 12, 2030))))
                .containsExactly("id", "type", "card_brand", "card_last4", "card_exp_month", "card_exp_year");
        assertThat(keys(jsonb.toJson(new InvoiceJson("in_1", new BigDecimal("99.00"), new BigDecimal("99.00"), "paid",
                1_785_751_200L, null, new BigDecimal("0.00"), new BigDecimal("99.00")))))
                .containsExactly("id", "amount_due", "amount_paid", "status", "created", "invoice_pdf", "tax", "total");
        assertThat(keys(jsonb.toJson(new ReceiptJson(true, "evt_1", false))))
                .containsExactly("received", "event_id", "duplicate");
        assertThat(keys(jsonb.toJson(new UsageRecordJson("ur_1", "si_1", 3, 1_785_751_200L, "increment", false))))
                .containsExactly("id", "subscription_item_id", "quantity", "timestamp", "action", "duplicate");
    }

    @Test
    void an_admin_page_is_items_page_size_total_and_each_item_keeps_its_own_order() {
        PageJson<CustomerJson> page = new PageJson<>(List.of(new CustomerJson("c-1", "ada@example.com", "cus_1",
                "suspended", new SuspensionJson("operator", 1_785_751_200L, "chargeback", null))), 0, 50, 1);

        String json = jsonb.toJson(page);

        assertThat(keys(json)).containsExactly("items", "page", "size", "total");
        assertThat(json).contains("{\"customer_id\":\"c-1\",\"email\":\"ada@example.com\",\"stripe_customer_id\":\"cus_1\","
                + "\"status\":\"suspended\",\"suspension\":{\"reason\":\"operator\",\"since\":1785751200,"
                + "\"note\":\"chargeback\",\"failed_invoice\":null}}");
    }

    /**
     * The rule the tests above sample, for every answer record of the module: its {@code @JsonbPropertyOrder} lists
     * its components as declared, so the order is stated once (by the declaration) and cannot drift.
     */
    @Test
    void every_answer_record_states_its_json_order_as_it_declares_its_components() throws IOException {
        List<Class<?>> answers = answerRecords();

        assertThat(answers).as("answer records found").contains(SubscriptionJson.class, UsageJson.class, PlanJson.class,
                Problem.class, RefusalJson.class, PageJson.class);
        for (Class<?> answer : answers) {
            JsonbPropertyOrder order = answer.getAnnotation(JsonbPropertyOrder.class);
            assertThat(order).as("@JsonbPropertyOrder on %s", answer.getName()).isNotNull();
            assertThat(order.value()).as("@JsonbPropertyOrder of %s", answer.getName())
                    .containsExactly(Arrays.stream(answer.getRecordComponents()).map(RecordComponent::getName)
                            .toArray(String[]::new));
        }
    }

    /** The top-level member names of a JSON object, in the order written. */
    private static List<String> keys(String json) {
        List<String> keys = new ArrayList<>();
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            int depth = 0;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        if (depth == 1) {
                            keys.add(parser.getString());
                        }
                    }
                    default -> {
                        // values
                    }
                }
            }
        }
        return keys;
    }

    /**
     * Records the API writes as JSON: every {@code *Json} record compiled in this module, and the problem body (request
     * bodies are {@code *Request}, settings such as {@code WebhookLimits} are no answer).
     */
    private static List<Class<?>> answerRecords() throws IOException {
        Path classes;
        try {
            classes = Path.of(JsonConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        String root = "com.agentmarket.billing.adapter.in.rest.";
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .filter(name -> name.startsWith(root))
                    .<Class<?>>map(JsonOrderTest::load)
                    .filter(Class::isRecord)
                    .filter(type -> type.getSimpleName().endsWith("Json") || type == Problem.class)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, JsonOrderTest.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
