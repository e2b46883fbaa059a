package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnreadableBodyTest {

    /** A request body of the endpoints, as JSON binding would fill it. */
    record CheckoutBody(String priceId) {
    }

    private final UnreadableBody interceptor = new UnreadableBody();

    @ParameterizedTest
    @ValueSource(strings = {"[{\"price_id\":\"price_1\"}]", "42", "\"price_1\"", "null", "  \n true"})
    void a_body_that_is_not_a_json_object_is_400_before_binding(String body) throws IOException {
        Reading reading = new Reading(CheckoutBody.class, body, Reading::readAll);

        ProblemAnswer answer = refusal(reading);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.typeSuffix()).isEqualTo("invalid-request");
        assertThat(answer.detail()).isEqualTo("The request body must be a JSON object.");
        assertThat(reading.proceeded).isFalse();
    }

    @Test
    void an_object_is_bound_whole_even_after_leading_whitespace() throws IOException {
        Reading reading = new Reading(CheckoutBody.class, " \r\n\t{\"price_id\":\"price_1\"}", Reading::readAll);

        Object bound = interceptor.aroundReadFrom(reading.context());

        assertThat(bound).isEqualTo("{\"price_id\":\"price_1\"}");
    }

    @Test
    void an_empty_body_is_left_to_the_endpoint() throws IOException {
        Reading reading = new Reading(CheckoutBody.class, "", Reading::readAll);

        assertThat(interceptor.aroundReadFrom(reading.context())).isEqualTo("");
    }

    @Test
    void a_field_of_the_wrong_type_is_400_saying_what_binding_found() {
        Reading reading = new Reading(CheckoutBody.class, "{\"price_id\":[1]}", in -> {
            throw new IllegalStateException("Unable to deserialize property 'price_id' because of: not a String");
        });

        ProblemAnswer answer = refusal(reading);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.detail()).isEqualTo("The request body is not valid JSON of the expected shape: "
                + "Unable to deserialize property 'price_id' because of: not a String");
    }

    @Test
    void a_long_binding_message_is_cut_to_a_readable_detail() {
        Reading reading = new Reading(CheckoutBody.class, "{}", in -> {
            throw new IllegalStateException("x".repeat(1_000));
        });

        assertThat(refusal(reading).detail()).hasSize(303).endsWith("...");
    }

    @Test
    void an_answer_already_chosen_during_reading_is_kept() {
        Reading reading = new Reading(CheckoutBody.class, "{}", in -> {
            throw new NotFoundException();
        });

        WebApplicationException thrown = catchThrowableOfType(WebApplicationException.class,
                () -> interceptor.aroundReadFrom(reading.context()));

        assertThat(thrown).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_body_bound_to_something_other_than_a_record_is_not_required_to_be_an_object() throws IOException {
        Reading reading = new Reading(String.class, "[1,2]", Reading::readAll);

        assertThat(interceptor.aroundReadFrom(reading.context())).isEqualTo("[1,2]");
    }

    private ProblemAnswer refusal(Reading reading) {
        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class,
                () -> interceptor.aroundReadFrom(reading.context()));
        assertThat(refused).as("refused").isNotNull();
        return ProblemAnswer.of(refused.getResponse());
    }

    /** One body being read for an endpoint; {@code binding} stands for the JSON binding that would read the stream. */
    private static final class Reading {

        private final Class<?> type;
        private final Function<InputStream, Object> binding;
        private InputStream body;
        private boolean proceeded;

        Reading(Class<?> type, String body, Function<InputStream, Object> binding) {
            this.type = type;
            this.body = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
            this.binding = binding;
        }

        static Object readAll(InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        ReaderInterceptorContext context() {
            return (ReaderInterceptorContext) Proxy.newProxyInstance(ReaderInterceptorContext.class.getClassLoader(),
                    new Class<?>[] {ReaderInterceptorContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getType" -> type;
                        case "getInputStream" -> body;
                        case "setInputStream" -> {
                            body = (InputStream) args[0];
                            yield null;
                        }
                        case "proceed" -> {
                            proceeded = true;
                            yield binding.apply(body);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
