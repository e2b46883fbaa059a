package com.agentmarket.billing.application.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Stripe may send a customer back to: only the configured origins (scheme, host and port), or, when none are
 * configured, the service's own origin, so a checkout or portal session can never be turned into an open redirect.
 * Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder is allowed in the URL.
 */
public final class RedirectPolicy {

    private static final String SESSION_PLACEHOLDER = "{CHECKOUT_SESSION_ID}";
    private static final int MAX_LENGTH = 2048;

    private final List<String> allowedOrigins;

    public RedirectPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(RedirectPolicy::normalisedOrigin)
                .flatMap(Optional::stream).toList();
    }

    /**
     * The URL, if Stripe may redirect to it; otherwise a rejection naming the field.
     *
     * @param serviceOrigin the origin the request reached this service at, allowed when no origins are configured
     */
    public String check(String field, String url, String serviceOrigin) {
        List<String> allowed = allowedOrigins.isEmpty()
                ? normalisedOrigin(serviceOrigin).stream().toList() : allowedOrigins;
        if (url == null || url.isBlank()) {
            throw new BillingRejection(BillingRejection.Reason.REDIRECT_NOT_ALLOWED, field + " is required");
        }
        if (url.length() > MAX_LENGTH || normalisedOrigin(url.replace(SESSION_PLACEHOLDER, "x"))
                .filter(allowed::contains).isEmpty()) {
            throw new BillingRejection(BillingRejection.Reason.REDIRECT_NOT_ALLOWED,
                    field + " must be an absolute http(s) URL on one of the allowed origins " + allowed);
        }
        return url;
    }

    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    private static Optional<String> normalisedOrigin(String url) {
        try {
            URI uri = new URI(Objects.requireNonNull(url).trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException | NullPointerException malformed) {
            return Optional.empty();
        }
    }
}
