package com.agentmarket.billing.adapter.in.rest.shared;

import com.agentmarket.billing.application.shared.BillingRejection;
import com.agentmarket.billing.application.shared.ClientKey;
import com.agentmarket.billing.domain.plan.PriceId;
import com.agentmarket.billing.domain.shared.DomainViolation;
import jakarta.ws.rs.BadRequestException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** What use cases need from the HTTP request beyond its body. */
public final class RequestContext {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Visible ASCII, as Stripe accepts it for its own idempotency keys. */
    private static final Pattern WELL_FORMED_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private RequestContext() {
    }

    static boolean isWellFormedKey(String key) {
        return WELL_FORMED_KEY.matcher(key).matches();
    }

    /** The {@code Idempotency-Key} header, when sent (its shape was checked by {@link IdempotencyKeyFilter}). */
    public static Optional<String> idempotencyKey(String header) {
        return Optional.ofNullable(header);
    }

    /** The {@code Idempotency-Key} header, when sent, as the key of this caller (the token's subject). */
    public static Optional<ClientKey> clientKey(Caller caller, String header) {
        return idempotencyKey(header).map(key -> new ClientKey(caller.subject(), key));
    }

    /** A required query parameter that is missing or malformed: 400 naming it. */
    /** A {@code price_id} as the client sent it: one that cannot even be a Stripe price is no price we sell (400). */
    public static PriceId priceId(String value) {
        try {
            return new PriceId(value);
        } catch (DomainViolation malformed) {
            throw new BillingRejection(BillingRejection.Reason.UNKNOWN_PRICE,
                    "price_id " + value + " is not one of the plans on sale");
        }
    }

    public static BadRequestException badParameter(String name, String expected) {
        return new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST, name + " must be " + expected + ".")
                .toResponse());
    }

    /** A JSON number that must be a whole number within {@code long}: 400 naming the field otherwise. */
    public static long wholeNumber(String field, BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException notWhole) {
            throw new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST, field + " must be a whole number, "
                    + "was " + value.toPlainString().substring(0, Math.min(40, value.toPlainString().length()))).toResponse());
        }
    }
}
