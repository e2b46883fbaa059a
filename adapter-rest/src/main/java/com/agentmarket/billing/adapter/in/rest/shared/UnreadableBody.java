package com.agentmarket.billing.adapter.in.rest.shared;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * A request body that cannot be read as the JSON the endpoint expects is the caller's mistake: 400, saying what the
 * JSON binding found. That covers malformed JSON, a field of the wrong type, a number out of range, and any JSON
 * value other than an object where the endpoint takes an object (JSON binding would otherwise make an empty request of
 * {@code [...]} or {@code 42}). Only reading is covered, so a failure to write a response still counts as ours.
 */
@Provider
public class UnreadableBody implements ReaderInterceptor {

    private static final int MAX_DETAIL = 300;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType().isRecord()) {
            context.setInputStream(requireObject(context.getInputStream()));
        }
        try {
            return context.proceed();
        } catch (WebApplicationException alreadyAnswered) {
            throw alreadyAnswered;
        } catch (RuntimeException unreadable) {
            String reason = unreadable.getMessage() == null ? "" : ": " + unreadable.getMessage();
            throw refused("The request body is not valid JSON of the expected shape" + reason);
        }
    }

    /**
     * The body from its first JSON token on, once that token is seen to open an object (leading whitespace is dropped;
     * an empty body is left to the endpoint).
     */
    private static InputStream requireObject(InputStream body) throws IOException {
        PushbackInputStream peekable = new PushbackInputStream(body, 1);
        int first;
        do {
            first = peekable.read();
        } while (first == ' ' || first == '\t' || first == '\r' || first == '\n');
        if (first == -1) {
            return peekable;
        }
        if (first != '{') {
            throw refused("The request body must be a JSON object.");
        }
        peekable.unread(first);
        return peekable;
    }

    private static BadRequestException refused(String detail) {
        return new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST,
                detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail).toResponse());
    }
}
