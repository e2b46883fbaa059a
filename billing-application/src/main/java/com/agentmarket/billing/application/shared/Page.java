package com.agentmarket.billing.application.shared;

import java.util.List;
import java.util.Objects;

/** One page of a longer list; {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page from 0, size 1.." + MAX_SIZE);
        }
    }
}
