package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.api;
import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.count;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static com.agentmarket.billing.e2e.E2e.payingCustomer;
import static com.agentmarket.billing.e2e.E2e.tokenInGroups;
import static com.agentmarket.billing.e2e.StripeStub.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.agentmarket.billing.adapter.out.stripe.testing.StripeFixtures;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Overage reported to Stripe's meter through the outbox: executions keep being accepted while Stripe is down and the
 * backlog drains when it returns; a server killed mid-batch resends the same report under the same identifier.
 */
class UsageReportingIT {

    private static final String METER_EVENTS = "/v1/billing/meter_events";

    private static int execute(String customer, String executionId) {
        return asCustomer(customer).contentType("application/json").body(Map.of("execution_id", executionId))
                .post("/api/v1/billing/executions").then().extract().statusCode();
    }

    private static List<LoggedRequest> meterEventsOf(String customer) {
        return stripe().findAll(postRequestedFor(urlEqualTo(METER_EVENTS))
                .withFormParam("payload[stripe_customer_id]", WireMock.equalTo("cus_pay" + Math.abs(customer.hashCode()))));
    }

    private static void awaitReported(String customer, long executions, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (count("select count(*) from execution_report where customer_id = ? and report_state = 'REPORTED'", customer) < executions) {
            assertThat(Instant.now()).as("reported within " + timeout).isBefore(deadline);
            Webhooks.sleep(100);
        }
    }

    @Test
    void executions_go_on_while_stripe_is_down_and_the_backlog_drains_when_it_returns() {
        String customer = newCustomerId();
        payingCustomer(customer, "BASIC", 100);
        String stripeCustomer = "cus_pay" + Math.abs(customer.hashCode());
        stripe().stubFor(post(urlEqualTo(METER_EVENTS)).withFormParam("payload[stripe_customer_id]", WireMock.equalTo(stripeCustomer))
                .willReturn(aResponse().withStatus(500).withBody(StripeFixtures.error("api_error", null, "outage"))));

        for (int i = 0; i < 5; i++) {
            assertThat(execute(customer, "over-" + i)).as("overage is billed, not blocked").isEqualTo(201);
        }
        Webhooks.sleep(1500);
        assertThat(meterEventsOf(customer)).as("Stripe was tried").isNotEmpty();
        assertThat(count("select count(*) from execution_report where customer_id = ? and report_state = 'REPORTED'", customer)).isZero();
        String admin = tokenInGroups("ops", "billing-admin");
        api().auth().oauth2(admin).queryParam("size", 200).get("/api/v1/admin/usage/unreported").then()
                .statusCode(200).body("items.customer_id", hasItem(customer));

        stripe().stubFor(post(urlEqualTo(METER_EVENTS)).withFormParam("payload[stripe_customer_id]", WireMock.equalTo(stripeCustomer))
                .willReturn(okJson(StripeFixtures.fixture("billing_meter_event").toString())));
        api().auth().oauth2(admin).post("/api/v1/admin/usage/report").then().statusCode(200);
        awaitReported(customer, 5, Duration.ofSeconds(20));

        List<String> identifiers = meterEventsOf(customer).stream().map(r -> r.formParameters().get("identifier").firstValue())
                .distinct().toList();
        long billed = identifiers.stream().mapToLong(id -> Long.parseLong(meterEventsOf(customer).stream()
                .filter(r -> r.formParameters().get("identifier").firstValue().equals(id)).findFirst().orElseThrow()
                .formParameters().get("payload[value]").firstValue())).sum();
        assertThat(billed).as("every overage execution billed once, retries under the same identifiers").isEqualTo(5);
        assertThat(meterEventsOf(customer)).allSatisfy(r ->
                assertThat(r.getHeader("Idempotency-Key")).isEqualTo(r.formParameters().get("identifier").firstValue()));
        api().auth().oauth2(tokenInGroups(newCustomerId(), "customer")).get("/api/v1/admin/usage/unreported").then().statusCode(403);
    }

    @Test
    void a_server_killed_mid_batch_resends_the_same_identifier_after_restart_and_bills_nothing_twice() throws Exception {
        String customer = newCustomerId();
        payingCustomer(customer, "PRO", 1000);
        String stripeCustomer = "cus_pay" + Math.abs(customer.hashCode());
        stripe().stubFor(post(urlEqualTo(METER_EVENTS)).withFormParam("payload[stripe_customer_id]", WireMock.equalTo(stripeCustomer))
                .willReturn(okJson(StripeFixtures.fixture("billing_meter_event").toString()).withFixedDelay(60_000)));
        for (int i = 0; i < 3; i++) {
            assertThat(execute(customer, "over-" + i)).isEqualTo(201);
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (meterEventsOf(customer).isEmpty()) {
            assertThat(Instant.now()).as("the report is in flight").isBefore(deadline);
            Webhooks.sleep(100);
        }

        LibertyServer.kill();
        stripe().stubFor(post(urlEqualTo(METER_EVENTS)).withFormParam("payload[stripe_customer_id]", WireMock.equalTo(stripeCustomer))
                .willReturn(okJson(StripeFixtures.fixture("billing_meter_event").toString())));
        LibertyServer.start();
        awaitReported(customer, 3, Duration.ofSeconds(60));

        Map<String, List<String>> valuesByIdentifier = meterEventsOf(customer).stream().collect(Collectors.groupingBy(
                r -> r.formParameters().get("identifier").firstValue(),
                Collectors.mapping(r -> r.formParameters().get("payload[value]").firstValue(), Collectors.toList())));
        assertThat(valuesByIdentifier.values()).as("the report in flight at the crash was sent again under its identifier")
                .anySatisfy(sends -> assertThat(sends).hasSizeGreaterThanOrEqualTo(2));
        assertThat(valuesByIdentifier.values()).as("every send of one identifier carries the same count")
                .allSatisfy(sends -> assertThat(sends).containsOnly(sends.get(0)));
        assertThat(valuesByIdentifier.values().stream().mapToLong(sends -> Long.parseLong(sends.get(0))).sum())
                .as("the 3 executions billed once in all").isEqualTo(3);
    }

    /** The e2e server itself, killed hard and started again from its installation. */
    static final class LibertyServer {

        private static final Path WLP = Path.of(System.getProperty("e2e.wlp.dir", "target/liberty/wlp"));
        private static final String NAME = System.getProperty("e2e.server.name", "billing-e2e");

        static void kill() throws IOException, InterruptedException {
            long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + NAME + ".pid")).trim());
            ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("server not running"));
            server.destroyForcibly();
            server.onExit().join();
        }

        static void start() throws IOException, InterruptedException {
            Process start = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", NAME).inheritIO().start();
            assertThat(start.waitFor()).isZero();
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plusSeconds(120);
            while (true) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(E2e.BASE_URL + "/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                assertThat(Instant.now()).as("server ready again").isBefore(deadline);
                Thread.sleep(250);
            }
        }
    }
}
