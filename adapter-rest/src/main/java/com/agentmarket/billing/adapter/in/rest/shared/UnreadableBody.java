package com.agentmarket.billing.adapter.in.rest.shared;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * A request body that cannot be read as the JSON the endpoint expects (malformed, an array for an object, a field
 * of the wrong type) is the caller's mistake: 400, saying what the JSON binding found. Only reading is covered, so
 * a failure to write a response still counts as ours.
 */
@Provider
public class UnreadableBody implements ReaderInterceptor {

    private static final int MAX_DETAIL = 300;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (JsonbException | ProcessingException unreadable) {
            String reason = unreadable.getMessage() == null ? "" : ": " + unreadable.getMessage();
            String detail = "The request body is not valid JSON of the expected shape" + reason;
            throw new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST,
                    detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail).toResponse());
        }
    }
}
