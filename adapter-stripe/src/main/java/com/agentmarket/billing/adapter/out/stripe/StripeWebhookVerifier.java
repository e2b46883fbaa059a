package com.agentmarket.billing.adapter.out.stripe;

import com.agentmarket.billing.application.webhook.port.out.VerifiedEvent;
import com.agentmarket.billing.application.webhook.port.out.WebhookVerifier;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * Verifies {@code Stripe-Signature} with stripe-java over the exact bytes received, against each configured
 * endpoint secret ({@code STRIPE_WEBHOOK_SECRET}, comma-separated while a secret is rotated), with Stripe's 300 s
 * tolerance in both directions. Only what routing needs is read from the event; its object is fetched again later.
 */
@ApplicationScoped
class StripeWebhookVerifier implements WebhookVerifier {

    private static final Logger LOG = Logger.getLogger(StripeWebhookVerifier.class.getName());
    static final long TOLERANCE_SECONDS = 300;

    private final List<String> secrets;
    private final Clock clock;

    @Inject
    StripeWebhookVerifier(StripeSettings settings) {
        this(settings.webhookSecrets(), Clock.systemUTC());
        if (secrets.isEmpty()) {
            LOG.warning("STRIPE_WEBHOOK_SECRET is not set: every webhook delivery will be refused");
        }
    }

    StripeWebhookVerifier(List<String> secrets, Clock clock) {
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    /** For CDI's client proxy. */
    protected StripeWebhookVerifier() {
        this.secrets = List.of();
        this.clock = null;
    }

    @Override
    public VerifiedEvent verify(byte[] payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidWebhookException("The Stripe-Signature header is missing.");
        }
        if (secrets.isEmpty()) {
            throw new InvalidWebhookException("This endpoint has no webhook signing secret configured.");
        }
        String body = utf8(payload);
        if (signedInTheFuture(signatureHeader)) {
            throw new InvalidWebhookException("The signature's timestamp is too far in the future.");
        }
        Event event = null;
        for (String secret : secrets) {
            try {
                event = Webhook.constructEvent(body, signatureHeader, secret, TOLERANCE_SECONDS, clock);
                break;
            } catch (SignatureVerificationException mismatch) {
                // try the next secret (rotation)
            } catch (JsonParseException | NumberFormatException | IllegalStateException | NullPointerException malformed) {
                throw new InvalidWebhookException("The body or signature header is not a Stripe event.");
            }
        }
        if (event == null) {
            throw new InvalidWebhookException("The signature does not match the body, or it is older than "
                    + TOLERANCE_SECONDS + " s.");
        }
        return routing(event);
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new InvalidWebhookException("The body is not UTF-8 text.");
        }
    }

    private boolean signedInTheFuture(String header) {
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    return Long.parseLong(pair[1].trim()) > clock.instant().getEpochSecond() + TOLERANCE_SECONDS;
                } catch (NumberFormatException malformed) {
                    throw new InvalidWebhookException("The Stripe-Signature header is malformed.");
                }
            }
        }
        return false;
    }

    private static VerifiedEvent routing(Event event) {
        if (event.getId() == null || event.getType() == null || event.getCreated() == null) {
            throw new InvalidWebhookException("The body is not a Stripe event.");
        }
        Optional<JsonObject> object = Optional.ofNullable(event.getData())
                .map(data -> event.getDataObjectDeserializer().getRawJson())
                .map(JsonParser::parseString).filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
        Optional<String> objectId = object.map(o -> o.get("id")).filter(JsonElement::isJsonPrimitive)
                .map(JsonElement::getAsString);
        OptionalInt attempt = object.filter(o -> o.has("object") && "invoice".equals(o.get("object").getAsString()))
                .map(o -> o.get("attempt_count")).filter(JsonElement::isJsonPrimitive)
                .map(e -> OptionalInt.of(e.getAsInt())).orElse(OptionalInt.empty());
        return new VerifiedEvent(event.getId(), event.getType(), Boolean.TRUE.equals(event.getLivemode()),
                Optional.ofNullable(event.getApiVersion()), Instant.ofEpochSecond(event.getCreated()), objectId, attempt);
    }
}
