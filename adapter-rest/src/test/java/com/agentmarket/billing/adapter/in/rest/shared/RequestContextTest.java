package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentmarket.billing.application.shared.ClientKey;
import jakarta.ws.rs.BadRequestException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestContextTest {

    @Test
    void an_idempotency_key_belongs_to_the_tokens_subject() {
        Caller caller = new Caller(new Token(Map.of("sub", "recorder-backend")));

        assertThat(RequestContext.clientKey(caller, "retry-1")).contains(new ClientKey("recorder-backend", "retry-1"));
    }

    @Test
    void no_idempotency_key_sent_is_no_key() {
        Caller caller = new Caller(new Token(Map.of("sub", "c-1")));

        assertThat(RequestContext.clientKey(caller, null)).isEmpty();
        assertThat(RequestContext.idempotencyKey(null)).isEmpty();
    }

    @Test
    void a_bad_query_parameter_is_400_naming_it_and_what_it_must_be() {
        ProblemAnswer answer = ProblemAnswer.of(
                RequestContext.badParameter("limit", "a whole number from 1 to 100").getResponse());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.typeSuffix()).isEqualTo("invalid-request");
        assertThat(answer.detail()).isEqualTo("limit must be a whole number from 1 to 100.");
    }

    @Test
    void a_whole_json_number_is_read_as_a_long() {
        assertThat(RequestContext.wholeNumber("quantity", new BigDecimal("5"))).isEqualTo(5L);
        assertThat(RequestContext.wholeNumber("quantity", new BigDecimal("5.000"))).isEqualTo(5L);
        assertThat(RequestContext.wholeNumber("timestamp", BigDecimal.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_fraction_is_400_naming_the_field() {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class,
                () -> RequestContext.wholeNumber("quantity", new BigDecimal("1.5")));

        ProblemAnswer answer = ProblemAnswer.of(refused.getResponse());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detail()).isEqualTo("quantity must be a whole number, was 1.5");
    }

    @Test
    void a_number_beyond_64_bits_is_400_and_the_echo_of_it_stays_short() {
        BigDecimal huge = new BigDecimal("9".repeat(100));

        BadRequestException refused = catchThrowableOfType(BadRequestException.class,
                () -> RequestContext.wholeNumber("timestamp", huge));

        assertThat(ProblemAnswer.of(refused.getResponse()).detail())
                .isEqualTo("timestamp must be a whole number, was " + "9".repeat(40));
    }
}
