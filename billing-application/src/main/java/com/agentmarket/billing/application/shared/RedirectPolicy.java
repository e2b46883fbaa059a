package com.agentmarket.billing.application.shared;

import com.agentmarket.billing.application.payment.GatewayMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where Stripe may send a customer back to: the service's public origin ({@code BILLING_PUBLIC_URL}) and the origins
 * configured besides it ({@code BILLING_ALLOWED_REDIRECT_ORIGINS}), compared by scheme, host and port. They come from
 * configuration only, never from a request's headers ({@code Host}, {@code X-Forwarded-Host}, {@code Forwarded}),
 * so a checkout or portal session can never be turned into an open redirect. The public URL's default is the local
 * address, which a live Stripe key never redirects to: with a live key and neither variable set, nothing is
 * redirected at all and the service says which variable to set. Stripe's {@code {CHECKOUT_SESSION_ID}} placeholder is
 * allowed in the URL.
 */
public final class RedirectPolicy {

    private static final String SESSION_PLACEHOLDER = "{CHECKOUT_SESSION_ID}";
    private static final int MAX_LENGTH = 2048;

    private final String publicOrigin;
    private final boolean publicUrlSet;
    private final List<String> extraOrigins;

    /**
     * @param publicUrl the service's public URL, or its default
     * @param extraOrigins further origins the frontend lives at
     * @param publicUrlSet whether the public URL was set, rather than defaulted to the local address
     */
    public RedirectPolicy(String publicUrl, List<String> extraOrigins, boolean publicUrlSet) {
        this.publicOrigin = normalisedOrigin(publicUrl).orElseThrow(() -> new IllegalArgumentException(
                "BILLING_PUBLIC_URL must be an absolute http(s) URL, was " + publicUrl));
        this.publicUrlSet = publicUrlSet;
        this.extraOrigins = extraOrigins.stream().map(origin -> normalisedOrigin(origin).orElseThrow(() ->
                new IllegalArgumentException("BILLING_ALLOWED_REDIRECT_ORIGINS holds " + origin
                        + ", which is not an http(s) origin"))).distinct().toList();
    }

    /**
     * The URL, if Stripe may redirect to it; otherwise a rejection naming the field. {@code mode} is the Stripe key's:
     * a live key needs the public URL configured.
     */
    public String check(String field, String url, GatewayMode mode) {
        if (mode == GatewayMode.LIVE && !configured()) {
            throw new BillingRejection(BillingRejection.Reason.NOT_CONFIGURED, "Set BILLING_PUBLIC_URL to the service's "
                    + "public origin (or BILLING_ALLOWED_REDIRECT_ORIGINS): with a live Stripe key, customers are not "
                    + "sent back to the default " + publicOrigin);
        }
        List<String> allowed = allowedOrigins(mode);
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

    /** The public origin first, then the others; a live key never redirects to the defaulted local address. */
    public List<String> allowedOrigins(GatewayMode mode) {
        boolean withPublic = publicUrlSet || mode != GatewayMode.LIVE;
        return Stream.concat(withPublic ? Stream.of(publicOrigin) : Stream.empty(), extraOrigins.stream()).distinct().toList();
    }

    /** Whether the public URL or further origins were set, rather than everything defaulted. */
    public boolean configured() {
        return publicUrlSet || !extraOrigins.isEmpty();
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
