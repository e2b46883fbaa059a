package com.agentmarket.billing.adapter.in.rest.usage;

import com.agentmarket.billing.adapter.in.rest.shared.Caller;
import com.agentmarket.billing.adapter.in.rest.shared.Groups;
import com.agentmarket.billing.adapter.in.rest.shared.Problem;
import com.agentmarket.billing.adapter.in.rest.shared.ProblemType;
import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.adapter.in.rest.shared.RestMetrics;
import com.agentmarket.billing.application.usage.port.in.RecordExecution;
import com.agentmarket.billing.domain.customer.CustomerId;
import com.agentmarket.billing.domain.usage.ExecutionDecision;
import com.agentmarket.billing.domain.usage.ExecutionId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every agent execution on the platform passes through here: authorised and counted in one step. */
@Path("/billing/executions")
@ApplicationScoped
@Tag(name = "Usage", description = "Agent executions against the plan's quota")
@SecurityRequirement(name = "bearer")
public class ExecutionResource {

    private final RecordExecution recordExecution;
    private final Caller caller;
    private final RestMetrics metrics;

    @Inject
    public ExecutionResource(RecordExecution recordExecution, Caller caller, RestMetrics metrics) {
        this.recordExecution = recordExecution;
        this.caller = caller;
        this.metrics = metrics;
    }

    /** For CDI's client proxy. */
    protected ExecutionResource() {
        this(null, null, null);
    }

    /**
     * Checked by the model's value types ({@code ExecutionId}, {@code CustomerId}), not Bean Validation: on this path
     * method validation through CDI cost a fifth of the server's CPU (measured with bench/run.sh and JFR).
     *
     * @param customerId only for {@code billing-recorder} tokens: the customer the execution is for
     */
    public record ExecutionRequest(
            @Schema(required = true, maxLength = 128, pattern = "[A-Za-z0-9._:-]{1,128}") String executionId,
            @Schema(maxLength = 200) String customerId) {
    }

    /** The figures after the execution; unlimited plans have null {@code limit} and {@code remaining}. */
    @JsonbPropertyOrder({"executionId", "used", "limit", "remaining", "periodEnd"})
    public record ExecutionJson(String executionId, long used, Long limit, Long remaining, long periodEnd) {
    }

    /** A refusal: the problem members plus the same figures. */
    @JsonbPropertyOrder({"type", "title", "status", "detail", "executionId", "used", "limit", "remaining", "periodEnd"})
    public record RefusalJson(String type, String title, int status, String detail, String executionId, long used,
            Long limit, Long remaining, long periodEnd) {
    }

    @POST
    @RolesAllowed({Groups.CUSTOMER, Groups.RECORDER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Record an agent execution",
            description = "Authorises and counts one execution for the caller (customer token) or for `customer_id` "
                    + "(billing-recorder token). A repeated `execution_id` returns the first answer and counts once. "
                    + "Exact under concurrency; Stripe is never called on this path.")
    @APIResponse(responseCode = "201", description = "Allowed and counted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExecutionJson.class)))
    @APIResponse(responseCode = "402", description = "quota-exceeded or account-suspended, with the same figures",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RefusalJson.class)))
    @APIResponse(responseCode = "400", description = "invalid-request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was sent with another execution",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "customer_id sent with a customer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response record(ExecutionRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context SecurityContext security) {
        if (request == null || request.executionId() == null) {
            throw new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST, "execution_id: must not be blank")
                    .toResponse());
        }
        CustomerId customer = customerFor(request, security);
        RecordExecution.ExecutionResult result = recordExecution.record(customer, new ExecutionId(request.executionId()),
                RequestContext.clientKey(caller, idempotencyKey),
                security.isUserInRole(Groups.RECORDER) ? Optional.empty() : caller.email());
        OptionalLong limit = result.usage().limit();
        OptionalLong remaining = result.usage().remaining();
        long periodEnd = result.usage().period().end().getEpochSecond();
        Long limitJson = limit.isPresent() ? limit.getAsLong() : null;
        Long remainingJson = remaining.isPresent() ? remaining.getAsLong() : null;
        if (result.admitted()) {
            metrics.execution("admitted");
            return Response.status(Response.Status.CREATED)
                    .entity(new ExecutionJson(request.executionId(), result.usage().used(), limitJson, remainingJson, periodEnd))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        ProblemType type = result.refusal().get() == ExecutionDecision.Reason.ACCOUNT_SUSPENDED
                ? ProblemType.ACCOUNT_SUSPENDED : ProblemType.QUOTA_EXCEEDED;
        metrics.execution(type == ProblemType.ACCOUNT_SUSPENDED ? "account_suspended" : "quota_exceeded");
        String detail = type == ProblemType.ACCOUNT_SUSPENDED
                ? "The account is suspended: no executions run until it is reinstated or the failed invoice is paid."
                : "All " + limitJson + " executions of this period are used; the quota renews at period_end.";
        return Response.status(type.status()).type(Problem.PROBLEM_JSON)
                .entity(new RefusalJson(Problem.typeUri(type), type.title(), type.status(), detail, request.executionId(),
                        result.usage().used(), limitJson, remainingJson, periodEnd))
                .build();
    }

    private CustomerId customerFor(ExecutionRequest request, SecurityContext security) {
        if (security.isUserInRole(Groups.RECORDER)) {
            if (request.customerId() == null || request.customerId().isBlank()) {
                throw new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST,
                        "customer_id: a billing-recorder token must name the customer").toResponse());
            }
            return new CustomerId(request.customerId());
        }
        CustomerId self = caller.customerId();
        if (request.customerId() != null && !request.customerId().equals(self.value())) {
            throw new ForbiddenException(Problem.of(ProblemType.FORBIDDEN,
                    "customer_id is only for billing-recorder tokens; a customer records its own executions").toResponse());
        }
        return self;
    }
}
