package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemTest {

    @Test
    void a_problem_answers_with_its_status_as_problem_json_and_a_type_under_problems() {
        ProblemAnswer answer = ProblemAnswer.of(Problem.of(ProblemType.NOT_FOUND, "No subscription sub_1.").toResponse());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.problem().type()).isEqualTo("/problems/not-found");
        assertThat(answer.title()).isEqualTo("Not found");
        assertThat(answer.detail()).isEqualTo("No subscription sub_1.");
    }

    /** CONTRACT.md's business rejections and README's error types, each with the status clients rely on. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "quota-exceeded, 402",
        "account-suspended, 402",
        "payment-declined, 402",
        "unknown-price, 400",
        "redirect-not-allowed, 400",
        "invalid-request, 400",
        "timestamp-out-of-range, 400",
        "stripe-rejected, 400",
        "invalid-signature, 400",
        "unauthenticated, 401",
        "forbidden, 403",
        "not-found, 404",
        "already-subscribed, 409",
        "not-resumable, 409",
        "payload-too-large, 413",
        "idempotency-key-reused, 422",
        "set-not-supported, 422",
        "stripe-unavailable, 503",
        "database-unavailable, 503",
        "service-not-configured, 503",
    })
    void each_documented_error_type_keeps_its_suffix_and_status(String suffix, int status) {
        ProblemType type = Arrays.stream(ProblemType.values()).filter(candidate -> candidate.suffix().equals(suffix))
                .findFirst().orElseThrow(() -> new AssertionError("no problem type " + suffix));

        assertThat(type.status()).isEqualTo(status);
        assertThat(Problem.typeUri(type)).isEqualTo("/problems/" + suffix);
    }

    @Test
    void no_two_problem_types_share_a_suffix() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::suffix)).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "401, unauthenticated",
        "403, forbidden",
        "404, not-found",
        "405, method-not-allowed",
        "406, not-acceptable",
        "413, payload-too-large",
        "415, unsupported-media-type",
        "400, invalid-request",
        "418, invalid-request",
        "500, internal-error",
        "502, internal-error",
    })
    void an_http_status_of_the_runtime_gets_its_generic_problem_type(int status, String suffix) {
        assertThat(ProblemType.forStatus(status).suffix()).isEqualTo(suffix);
    }
}
