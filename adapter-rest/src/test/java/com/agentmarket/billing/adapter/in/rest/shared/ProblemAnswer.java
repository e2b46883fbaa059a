package com.agentmarket.billing.adapter.in.rest.shared;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Reads an answer as a client does: the status line, the media type, the problem body, the headers. */
record ProblemAnswer(Response response) {

    static ProblemAnswer of(Response response) {
        return new ProblemAnswer(response);
    }

    /** The body, after checking that it is a problem+json whose {@code status} member repeats the HTTP status. */
    Problem problem() {
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(response.getEntity()).isInstanceOf(Problem.class);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).as("status member").isEqualTo(response.getStatus());
        return problem;
    }

    int status() {
        return response.getStatus();
    }

    /** The stable part of {@code type} that clients match on. */
    String typeSuffix() {
        String type = problem().type();
        assertThat(type).startsWith("/problems/");
        return type.substring("/problems/".length());
    }

    String title() {
        return problem().title();
    }

    String detail() {
        return problem().detail();
    }

    String retryAfter() {
        return response.getHeaderString(HttpHeaders.RETRY_AFTER);
    }

    String header(String name) {
        return response.getHeaderString(name);
    }
}
