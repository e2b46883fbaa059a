package com.agentmarket.billing.adapter.in.rest.shared;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON as the product guide writes it: snake_case names, and nulls written out ({@code "id": null} on Free,
 * {@code "limit": null} when unlimited) rather than dropped.
 *
 * <p>Field order is the guide's, stated once per answer record: each record declares its components in that order
 * and repeats them in {@code @JsonbPropertyOrder} (Java names). No {@link jakarta.json.bind.config.PropertyOrderStrategy}
 * gives declaration order: Yasson's {@code ANY} is hash order and the default is alphabetical. {@code JsonOrderTest}
 * fails when a record's annotation and its components disagree.
 */
@Provider
public class JsonConfiguration implements ContextResolver<Jsonb> {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
