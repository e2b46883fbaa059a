package com.agentmarket.billing.adapter.in.rest.shared;

import com.agentmarket.billing.application.payment.port.out.PaymentGatewayException;
import com.agentmarket.billing.application.shared.BillingRejection;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The billing rules' refusals and Stripe's failures, as problems with stable types. */
public final class BillingProblemMappers {

    private BillingProblemMappers() {
    }

    @Provider
    public static class Rejection implements ExceptionMapper<BillingRejection> {

        /** An operator has to change configuration and restart: not worth asking again soon. */
        private static final long NOT_CONFIGURED_RETRY_SECONDS = 300;

        @Override
        public Response toResponse(BillingRejection rejection) {
            ProblemType type = switch (rejection.reason()) {
                case UNKNOWN_PRICE -> ProblemType.UNKNOWN_PRICE;
                case REDIRECT_NOT_ALLOWED -> ProblemType.REDIRECT_NOT_ALLOWED;
                case ALREADY_SUBSCRIBED -> ProblemType.ALREADY_SUBSCRIBED;
                case NOT_SUBSCRIBED -> ProblemType.NOT_SUBSCRIBED;
                case CHANGE_PENDING -> ProblemType.CHANGE_PENDING;
                case CANCELLATION_SCHEDULED -> ProblemType.CANCELLATION_SCHEDULED;
                case PAYMENT_DECLINED -> ProblemType.PAYMENT_DECLINED;
                case NOT_FOUND -> ProblemType.NOT_FOUND;
                case NOT_RESUMABLE -> ProblemType.NOT_RESUMABLE;
                case IDEMPOTENCY_KEY_REUSED -> ProblemType.IDEMPOTENCY_KEY_REUSED;
                case SET_NOT_SUPPORTED -> ProblemType.SET_NOT_SUPPORTED;
                case TIMESTAMP_OUT_OF_RANGE -> ProblemType.TIMESTAMP_OUT_OF_RANGE;
                case NOT_CONFIGURED -> ProblemType.SERVICE_NOT_CONFIGURED;
            };
            Response response = Problem.of(type, rejection.getMessage()).toResponse();
            return type.status() == 503
                    ? Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, NOT_CONFIGURED_RETRY_SECONDS).build()
                    : response;
        }
    }

    /** Stripe refused: the customer reads Stripe's own message (a declined card says why). */
    @Provider
    public static class StripeRefusal implements ExceptionMapper<PaymentGatewayException.Rejected> {

        @Override
        public Response toResponse(PaymentGatewayException.Rejected rejected) {
            ProblemType type = switch (rejected.kind()) {
                case CARD_DECLINED -> ProblemType.PAYMENT_DECLINED;
                case NOT_FOUND -> ProblemType.NOT_FOUND;
                case INVALID_REQUEST -> ProblemType.STRIPE_REJECTED;
            };
            return Problem.of(type, rejected.getMessage()).toResponse();
        }
    }

    /** Stripe cannot be reached now: 503 with when to try again. Nothing was stored half-way. */
    @Provider
    public static class StripeUnavailable implements ExceptionMapper<PaymentGatewayException.Unavailable> {

        @Override
        public Response toResponse(PaymentGatewayException.Unavailable unavailable) {
            long seconds = Math.max(1, unavailable.retryAfter().toSeconds());
            return Response.fromResponse(Problem.of(ProblemType.STRIPE_UNAVAILABLE,
                            unavailable.getMessage() + " Try again in " + seconds + " s.").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, seconds)
                    .build();
        }
    }
}
