package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.shared.DomainViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final ProblemMappers.WebApplicationFailure webFailure = new ProblemMappers.WebApplicationFailure();
    private final ProblemMappers.UnexpectedFailure unexpected = new ProblemMappers.UnexpectedFailure();

    /** The mapper logs what it maps; a test run need not print the stack traces it provokes on purpose. */
    private final Logger mapperLog = Logger.getLogger(ProblemMappers.UnexpectedFailure.class.getName());
    private Level logLevel;

    @BeforeEach
    void quietMapperLog() {
        logLevel = mapperLog.getLevel();
        mapperLog.setLevel(Level.OFF);
    }

    @AfterEach
    void restoreMapperLog() {
        mapperLog.setLevel(logLevel);
    }

    @Test
    void no_token_is_401_unauthenticated_asking_for_a_bearer_token() {
        ProblemAnswer answer = ProblemAnswer.of(webFailure.toResponse(new NotAuthorizedException("Bearer")));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.typeSuffix()).isEqualTo("unauthenticated");
        assertThat(answer.title()).isEqualTo("A valid bearer token is required");
        assertThat(answer.detail()).isEqualTo("Send a valid bearer token in the Authorization header.");
        assertThat(answer.response().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).containsExactly("Bearer");
    }

    @Test
    void a_401_raised_without_a_challenge_still_asks_for_a_bearer_token_once() {
        ProblemAnswer answer = ProblemAnswer.of(webFailure.toResponse(
                new NotAuthorizedException(Response.status(Response.Status.UNAUTHORIZED).build())));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.response().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).containsExactly("Bearer");
    }

    @Test
    void a_token_of_the_wrong_group_is_403_forbidden() {
        ProblemAnswer answer = ProblemAnswer.of(webFailure.toResponse(new ForbiddenException()));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.typeSuffix()).isEqualTo("forbidden");
        assertThat(answer.detail()).isEqualTo("Your token's groups do not allow this request.");
    }

    @Test
    void an_unknown_path_is_404_not_found() {
        ProblemAnswer answer = ProblemAnswer.of(webFailure.toResponse(new NotFoundException()));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.typeSuffix()).isEqualTo("not-found");
        assertThat(answer.detail()).isEqualTo("There is nothing at this path.");
    }

    @Test
    void a_wrong_method_is_405_and_still_says_which_methods_are_allowed() {
        ProblemAnswer answer = ProblemAnswer.of(webFailure.toResponse(new NotAllowedException("GET", new String[] {"HEAD"})));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.typeSuffix()).isEqualTo("method-not-allowed");
        assertThat(answer.header(HttpHeaders.ALLOW)).contains("GET").contains("HEAD");
    }

    @Test
    void asking_for_anything_but_json_is_406_and_sending_anything_but_json_is_415() {
        ProblemAnswer notAcceptable = ProblemAnswer.of(webFailure.toResponse(new NotAcceptableException()));
        ProblemAnswer unsupported = ProblemAnswer.of(webFailure.toResponse(new NotSupportedException()));

        assertThat(notAcceptable.status()).isEqualTo(406);
        assertThat(notAcceptable.typeSuffix()).isEqualTo("not-acceptable");
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.typeSuffix()).isEqualTo("unsupported-media-type");
        assertThat(unsupported.detail()).isEqualTo("Send the body as application/json.");
    }

    @Test
    void a_failure_that_already_carries_a_problem_is_answered_as_it_is() {
        Response ours = Problem.of(ProblemType.INVALID_REQUEST, "limit must be a whole number from 1 to 100.").toResponse();

        Response answered = webFailure.toResponse(new BadRequestException(ours));

        assertThat(answered).isSameAs(ours);
    }

    @Test
    void the_runtimes_own_media_type_never_replaces_problem_json() {
        Response plain = Response.status(404).type(MediaType.TEXT_HTML_TYPE).entity("<h1>Not Found</h1>").build();

        ProblemAnswer answer = ProblemAnswer.of(webFailure.toResponse(new NotFoundException(plain)));

        assertThat(answer.typeSuffix()).isEqualTo("not-found");
        assertThat(answer.response().getHeaders().get(HttpHeaders.CONTENT_TYPE)).hasSize(1);
    }

    @Test
    void a_value_the_model_refuses_is_400_invalid_request_saying_why() {
        DomainViolation violation = catchThrowableOfType(DomainViolation.class, () -> new CustomerId(" "));

        ProblemAnswer answer = ProblemAnswer.of(new ProblemMappers.DomainFailure().toResponse(violation));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.typeSuffix()).isEqualTo("invalid-request");
        assertThat(answer.title()).isEqualTo("The request is not valid");
        assertThat(answer.detail()).isEqualTo("customer id must not be blank");
    }

    @Test
    void invalid_fields_are_400_naming_each_field_as_the_json_names_it_in_a_stable_order() {
        ConstraintViolationException failure = new ConstraintViolationException(new LinkedHashSet<>(List.of(
                violation("start.arg0.successUrl", "must not be blank"),
                violation("start.arg0.priceId", "size must be between 0 and 255"))));

        ProblemAnswer answer = ProblemAnswer.of(new ProblemMappers.ValidationFailure().toResponse(failure));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.typeSuffix()).isEqualTo("invalid-request");
        assertThat(answer.detail()).isEqualTo("price_id: size must be between 0 and 255; success_url: must not be blank");
    }

    @Test
    void a_concurrent_change_of_the_same_record_is_409_conflict_to_retry() {
        ProblemAnswer answer = ProblemAnswer.of(new ProblemMappers.ConcurrentUpdate()
                .toResponse(new ConcurrentUpdateException("customer c-1 at version 3", null)));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.typeSuffix()).isEqualTo("conflict");
        assertThat(answer.detail()).endsWith("retry.");
    }

    @Test
    void a_database_outage_is_503_database_unavailable_with_retry_after() {
        RuntimeException outage = new IllegalStateException("transaction failed",
                new SQLTransientConnectionException("Connection refused", "08001"));

        ProblemAnswer answer = ProblemAnswer.of(unexpected.toResponse(outage));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.typeSuffix()).isEqualTo("database-unavailable");
        assertThat(answer.title()).isEqualTo("The database is unavailable");
        assertThat(answer.detail()).contains("nothing was stored").contains("Try again in 5 s.");
        assertThat(answer.retryAfter()).isEqualTo("5");
    }

    @Test
    void any_other_failure_is_500_without_internals() {
        ProblemAnswer answer = ProblemAnswer.of(unexpected.toResponse(
                new NullPointerException("Cannot invoke \"com.agentmarket.Secret.key()\"")));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.typeSuffix()).isEqualTo("internal-error");
        assertThat(answer.detail()).isEqualTo("The billing service failed; the failure was logged.");
        assertThat(answer.retryAfter()).isNull();
    }

    /** A violation as Bean Validation reports it: only its path and message matter to the mapper. */
    private static ConstraintViolation<Object> violation(String path, String message) {
        Path propertyPath = (Path) Proxy.newProxyInstance(Path.class.getClassLoader(), new Class<?>[] {Path.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> path;
                    case "hashCode" -> path.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        @SuppressWarnings("unchecked")
        ConstraintViolation<Object> violation = (ConstraintViolation<Object>) Proxy.newProxyInstance(
                ConstraintViolation.class.getClassLoader(), new Class<?>[] {ConstraintViolation.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPropertyPath" -> propertyPath;
                    case "getMessage" -> message;
                    case "toString" -> path + ": " + message;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return violation;
    }
}
