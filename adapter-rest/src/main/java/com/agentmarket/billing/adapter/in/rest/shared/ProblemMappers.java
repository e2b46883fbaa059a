package com.agentmarket.billing.adapter.in.rest.shared;

import com.agentmarket.billing.application.shared.port.out.ConcurrentUpdateException;
import com.agentmarket.billing.domain.shared.DomainViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Every failure leaves the API as {@code application/problem+json}; none hides behind a 200. */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    /** Errors JAX-RS and the security layer raise: 401, 403, 404, 405, 406, 415, and our own 4xx with a problem. */
    @Provider
    public static class WebApplicationFailure implements ExceptionMapper<WebApplicationException> {

        @Override
        public Response toResponse(WebApplicationException failure) {
            Response original = failure.getResponse();
            if (original.hasEntity() && original.getEntity() instanceof Problem) {
                return original;
            }
            int status = original.getStatus();
            ProblemType type = ProblemType.forStatus(status);
            Response.ResponseBuilder response = Response.status(status).type(Problem.PROBLEM_JSON)
                    .entity(Problem.of(type, detailFor(status, failure)));
            if (failure instanceof NotAuthorizedException && !original.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                    values.forEach(value -> response.header(name, value));
                }
            });
            return response.build();
        }

        private static String detailFor(int status, WebApplicationException failure) {
            return switch (status) {
                case 401 -> "Send a valid bearer token in the Authorization header.";
                case 403 -> "Your token's groups do not allow this request.";
                case 404 -> "There is nothing at this path.";
                case 405 -> "This path does not accept that method.";
                case 406 -> "This endpoint answers application/json only.";
                case 415 -> "Send the body as application/json.";
                default -> failure.getMessage() == null ? ProblemType.forStatus(status).title() : failure.getMessage();
            };
        }
    }

    /** A value the model does not accept, such as a malformed id: the caller's input is wrong. */
    @Provider
    public static class DomainFailure implements ExceptionMapper<DomainViolation> {

        @Override
        public Response toResponse(DomainViolation violation) {
            return Problem.of(ProblemType.INVALID_REQUEST, violation.getMessage()).toResponse();
        }
    }

    /** Bean Validation of a request DTO failed: say which fields and why. */
    @Provider
    public static class ValidationFailure implements ExceptionMapper<ConstraintViolationException> {

        @Override
        public Response toResponse(ConstraintViolationException failure) {
            String detail = failure.getConstraintViolations().stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(ValidationFailure::describe)
                    .collect(Collectors.joining("; "));
            return Problem.of(ProblemType.INVALID_REQUEST, detail).toResponse();
        }

        /** Named as the JSON names it ({@code success_url}, not {@code successUrl}). */
        private static String describe(ConstraintViolation<?> violation) {
            String path = violation.getPropertyPath().toString();
            String field = path.substring(path.lastIndexOf('.') + 1).replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                    .toLowerCase(java.util.Locale.ROOT);
            return field + ": " + violation.getMessage();
        }
    }


    /** Another request changed the same record first; nothing of this one was stored. */
    @Provider
    public static class ConcurrentUpdate implements ExceptionMapper<ConcurrentUpdateException> {

        @Override
        public Response toResponse(ConcurrentUpdateException failure) {
            return Problem.of(ProblemType.CONFLICT, "Another request changed the same data at the same time; retry.")
                    .toResponse();
        }
    }

    /**
     * The database unreachable (down, restarting, out of connections) is an outage, not our fault: 503 with when to
     * try again; nothing was stored half-way, as each write is one transaction. Anything else is our fault: logged
     * in full here, and answered without internals.
     */
    @Provider
    public static class UnexpectedFailure implements ExceptionMapper<Throwable> {

        private static final Logger LOG = Logger.getLogger(UnexpectedFailure.class.getName());
        /** PostgreSQL restarts in seconds; a failover takes longer, and the client asks again then. */
        private static final int DATABASE_RETRY_SECONDS = 5;

        @Override
        public Response toResponse(Throwable failure) {
            if (DatabaseOutage.isCauseOf(failure)) {
                LOG.warning(() -> "The database cannot be reached; answering 503: " + failure);
                return Response.fromResponse(Problem.of(ProblemType.DATABASE_UNAVAILABLE, "The database cannot be reached "
                        + "right now; nothing was stored. Try again in " + DATABASE_RETRY_SECONDS + " s.").toResponse())
                        .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_SECONDS).build();
            }
            LOG.log(Level.SEVERE, "Unexpected failure while serving a request", failure);
            return Problem.of(ProblemType.INTERNAL, "The billing service failed; the failure was logged.").toResponse();
        }
    }
}
