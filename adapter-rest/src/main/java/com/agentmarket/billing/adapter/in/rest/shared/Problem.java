package com.agentmarket.billing.adapter.in.rest.shared;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem: what went wrong, for people ({@code title}, {@code detail}) and for programs ({@code type}
 * ends with a stable suffix such as {@code quota-exceeded}).
 */
@JsonbPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "/problems/";

    public static Problem of(ProblemType type, String detail) {
        return new Problem(typeUri(type), type.title(), type.status(), detail);
    }

    /** The {@code type} member of a problem of this kind. */
    public static String typeUri(ProblemType type) {
        return TYPE_BASE + type.suffix();
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }
}
