package com.agentmarket.billing.adapter.in.rest.admin;

import com.agentmarket.billing.adapter.in.rest.shared.RequestContext;
import com.agentmarket.billing.application.shared.Page;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.function.Function;

/** One page of an admin list: {@code page} counts from 0, {@code size} is 1..200, {@code total} counts every match. */
@JsonbPropertyOrder({"items", "page", "size", "total"})
public record PageJson<T>(List<T> items, int page, int size, long total) {

    public static <S, T> PageJson<T> of(Page<S> page, Function<S, T> toJson) {
        return new PageJson<>(page.items().stream().map(toJson).toList(), page.page(), page.size(), page.total());
    }

    /** Parses {@code page} and {@code size}, refusing anything out of range with a 400. */
    public static int[] bounds(String page, String size) {
        int parsedPage = parse("page", page, 0, Integer.MAX_VALUE / Page.MAX_SIZE, "a whole number from 0");
        int parsedSize = parse("size", size, 1, Page.MAX_SIZE, "a whole number from 1 to " + Page.MAX_SIZE);
        return new int[] {parsedPage, parsedSize};
    }

    private static int parse(String name, String value, int min, int max, String expected) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw RequestContext.badParameter(name, expected);
    }
}
