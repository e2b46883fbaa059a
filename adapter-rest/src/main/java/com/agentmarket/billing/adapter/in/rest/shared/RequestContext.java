package com.agentmarket.billing.adapter.in.rest.shared;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/** What use cases need from the HTTP request beyond its body. */
public final class RequestContext {

    /** Visible ASCII, as Stripe accepts it for its own idempotency keys. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private RequestContext() {
    }

    /** The {@code Idempotency-Key} header, when sent; a malformed one is refused rather than ignored. */
    public static Optional<String> idempotencyKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!IDEMPOTENCY_KEY.matcher(header).matches()) {
            throw new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.").toResponse());
        }
        return Optional.of(header);
    }

    /** The origin the request reached the service at, e.g. {@code https://billing.example.org}. */
    public static String serviceOrigin(UriInfo uri) {
        URI base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
    }

    /** A required query parameter that is missing or malformed: 400 naming it. */
    public static BadRequestException badParameter(String name, String expected) {
        return new BadRequestException(Problem.of(ProblemType.INVALID_REQUEST, name + " must be " + expected + ".")
                .toResponse());
    }
}
