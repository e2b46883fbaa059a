package com.agentmarket.billing.e2e;

import static com.agentmarket.billing.e2e.E2e.asCustomer;
import static com.agentmarket.billing.e2e.E2e.newCustomerId;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again under load (the machine's real cluster, as the e2e server uses it): every
 * answer meanwhile is a real one or 503 {@code database-unavailable} with {@code Retry-After}, never a 500, on the
 * hot path's JDBC as on the JPA paths (a read, a webhook stored, an audited admin change); readiness goes DOWN
 * and comes back by itself, and so do executions.
 */
class DatabaseOutageIT {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    /** What a client saw. */
    private record Answer(int status, String contentType, String problemType, String retryAfter) {

        static Answer of(ExtractableResponse<Response> response) {
            String problemType;
            try {
                problemType = response.statusCode() >= 400 ? response.path("type") : null;
            } catch (RuntimeException notJson) {
                problemType = "not a problem: " + response.asString();
            }
            return new Answer(response.statusCode(), response.contentType(), problemType, response.header("Retry-After"));
        }
    }

    private static ExtractableResponse<Response> execute(String customer, String executionId) {
        return asCustomer(customer).contentType("application/json").body(Map.of("execution_id", executionId))
                .post("/api/v1/billing/executions").then().extract();
    }

    /** One of the requests clients make, in turn: the hot path, a JPA read, a webhook stored, an admin change. */
    private static ExtractableResponse<Response> someRequest(String customer, String bystander, int n) {
        return switch (n % 5) {
            case 0, 1 -> execute(customer, "load-" + n);
            case 2 -> asCustomer(customer).get("/api/v1/billing/subscription").then().extract();
            case 3 -> Webhooks.deliver(Webhooks.eventLike("customer.created", "evt_outage" + n + customer.hashCode(),
                    "sub_outage" + n, false)).extract();
            default -> E2e.api().auth().oauth2(E2e.tokenInGroups("ops", "billing-admin")).contentType("application/json")
                    .body(Map.of("reason", "outage drill")).post("/api/v1/admin/customers/" + bystander + "/suspend").then().extract();
        };
    }

    private static int readiness() {
        return E2e.api().get("/health/ready").then().extract().statusCode();
    }

    /** pg_ctlcluster for the newest installed cluster, as root (directly or through passwordless sudo). */
    private static void postgres(String action) throws IOException, InterruptedException {
        String version;
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(path -> path.getFileName().toString())
                    .max(java.util.Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        }
        List<String> command = new java.util.ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version,
                "main", action));
        if (action.equals("stop")) {
            command.addAll(List.of("-m", "fast"));
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(0, List.of("sudo", "-n"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    @Test
    void while_postgresql_restarts_answers_are_real_or_503_and_everything_comes_back() throws Exception {
        String customer = newCustomerId();
        E2e.payingCustomer(customer, "ENTERPRISE", 0);
        String bystander = newCustomerId();
        E2e.payingCustomer(bystander, "BASIC", 0);
        assertThat(execute(customer, "before").statusCode()).isEqualTo(201);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            load.execute(() -> {
                while (running.get()) {
                    try {
                        answers.add(Answer.of(someRequest(customer, bystander, sequence.incrementAndGet())));
                    } catch (RuntimeException connectionLost) {
                        answers.add(new Answer(-1, null, connectionLost.toString(), null));
                    }
                }
            });
        }
        boolean readinessWentDown = false;
        try {
            Webhooks.sleep(300);
            postgres("stop");
            Instant until = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(until)) {
                readinessWentDown |= readiness() == 503;
                Webhooks.sleep(100);
            }
            answers.add(Answer.of(execute(customer, "during")));
        } finally {
            postgres("start");
        }
        Instant deadline = Instant.now().plus(RECOVERY);
        while (readiness() != 200) {
            assertThat(Instant.now()).as("readiness UP again by itself").isBefore(deadline);
            Webhooks.sleep(200);
        }
        while (execute(customer, "after-" + sequence.incrementAndGet()).statusCode() != 201) {
            assertThat(Instant.now()).as("executions admitted again by themselves").isBefore(deadline);
            Webhooks.sleep(200);
        }
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(readinessWentDown).as("readiness went DOWN while the database was away").isTrue();
        assertThat(answers).extracting(Answer::status).as("no 500 at any time").doesNotContain(500)
                .allSatisfy(status -> assertThat(status).isIn(200, 201, 402, 503));
        assertThat(answers).as("answers seen").hasSizeGreaterThan(10);
        assertThat(answers).filteredOn(answer -> answer.status() == 503).as("the outage was seen").isNotEmpty()
                .allSatisfy(answer -> {
                    assertThat(answer.retryAfter()).as("Retry-After").isNotBlank();
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                    assertThat(answer.problemType()).endsWith("database-unavailable");
                });
        E2e.asCustomer(customer).contentType("application/json").body(Map.of("execution_id", "typed"))
                .post("/api/v1/billing/executions").then().statusCode(201);
    }
}
