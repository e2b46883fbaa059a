package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyFilterTest {

    private final IdempotencyKeyFilter filter = new IdempotencyKeyFilter();

    @ParameterizedTest
    @ValueSource(strings = {"a", "checkout-2024-05-01T10:00:00Z", "0d4f2c1e-9b1a-4c38-8f0e-3b8f0a1d2e4f", "!~{}[]\"'#$%&"})
    void a_post_with_one_key_of_visible_ascii_goes_on(String key) {
        Request request = Request.post(List.of(key));

        filter.filter(request.context());

        assertThat(request.aborted).isNull();
    }

    @Test
    void a_key_of_255_characters_is_the_longest_accepted() {
        assertThat(RequestContext.isWellFormedKey("k".repeat(255))).isTrue();
        assertThat(RequestContext.isWellFormedKey("k".repeat(256))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "tab\there", "caf\u00e9", "line\nbreak", "\u007f"})
    void an_empty_key_or_one_with_spaces_controls_or_non_ascii_is_refused(String key) {
        assertThat(RequestContext.isWellFormedKey(key)).isFalse();
    }

    @Test
    void a_post_with_a_malformed_key_is_400_before_anything_happens() {
        Request request = Request.post(List.of("k".repeat(256)));

        filter.filter(request.context());

        ProblemAnswer answer = ProblemAnswer.of(request.aborted);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.typeSuffix()).isEqualTo("invalid-request");
        assertThat(answer.detail()).isEqualTo("Idempotency-Key must be one key of 1 to 255 visible ASCII characters.");
    }

    @Test
    void a_post_with_two_keys_is_400() {
        Request request = Request.post(List.of("first", "second"));

        filter.filter(request.context());

        assertThat(request.aborted).isNotNull();
        assertThat(request.aborted.getStatus()).isEqualTo(400);
    }

    @Test
    void a_post_without_a_key_goes_on() {
        Request request = Request.post(null);

        filter.filter(request.context());

        assertThat(request.aborted).isNull();
    }

    @Test
    void only_posts_are_checked() {
        Request request = new Request("GET", List.of(""));

        filter.filter(request.context());

        assertThat(request.aborted).isNull();
    }

    /** A request as the filter sees it: a method, its headers, and whether it was answered early. */
    private static final class Request {

        private final String method;
        private final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        private Response aborted;

        Request(String method, List<String> keys) {
            this.method = method;
            if (keys != null) {
                headers.put(RequestContext.IDEMPOTENCY_KEY, keys);
            }
        }

        static Request post(List<String> keys) {
            return new Request("POST", keys);
        }

        ContainerRequestContext context() {
            return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                    new Class<?>[] {ContainerRequestContext.class}, (proxy, invoked, args) -> switch (invoked.getName()) {
                        case "getMethod" -> method;
                        case "getHeaders" -> headers;
                        case "abortWith" -> {
                            aborted = (Response) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(invoked.getName());
                    });
        }
    }
}
