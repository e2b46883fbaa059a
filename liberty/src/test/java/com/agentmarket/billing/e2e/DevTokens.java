package com.agentmarket.billing.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Development and test tokens, with nothing but the JDK: a key pair generated locally (never committed) and RS256
 * JWTs signed with it, shaped as MicroProfile JWT expects them. The end-to-end tests mint their tokens with this
 * class, and the README's token command runs this same file:
 *
 * <pre>
 *   java DevTokens.java keygen DIR                  # writes DIR/private.pem and DIR/public.pem unless they exist
 *   java DevTokens.java mint DIR SUB [GROUPS] [EMAIL]  # prints a token; GROUPS comma-separated, default customer
 * </pre>
 *
 * The issuer and audience come from {@code MP_JWT_VERIFY_ISSUER} and {@code MP_JWT_VERIFY_AUDIENCES}, as the server
 * reads them, with the development defaults below.
 */
public final class DevTokens {

    public static final String DEFAULT_ISSUER = "agent-marketplace-dev";
    public static final String DEFAULT_AUDIENCE = "billing";
    private static final long LIFETIME_SECONDS = 3600;

    private final PrivateKey privateKey;
    private final String issuer;
    private final String audience;

    public DevTokens(PrivateKey privateKey, String issuer, String audience) {
        this.privateKey = privateKey;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Tokens signed with the private key in {@code dir}, for the default issuer and audience. */
    public static DevTokens fromDirectory(Path dir) throws IOException, GeneralSecurityException {
        return new DevTokens(readPrivateKey(dir.resolve("private.pem")), DEFAULT_ISSUER, DEFAULT_AUDIENCE);
    }

    /** A token for {@code subject} in {@code groups}, with an e-mail claim when one is given. */
    public String mint(String subject, List<String> groups, String email) {
        Instant now = Instant.now();
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", groups);
        if (email != null) {
            claims.put("email", email);
        }
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + LIFETIME_SECONDS);
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** A token with exactly these claims: for tests of what the server refuses. */
    public String sign(Map<String, Object> claims) {
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64Url(json(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** Creates {@code dir/private.pem} and {@code dir/public.pem} unless the pair is already there. */
    public static boolean generateKeyPair(Path dir) throws IOException, GeneralSecurityException {
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        if (Files.exists(privatePem) && Files.exists(publicPem)) {
            return false;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return true;
    }

    private static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DevTokens::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : String.valueOf(value).toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("keygen")) {
            Path dir = Path.of(args[1]).toAbsolutePath();
            System.out.println((generateKeyPair(dir) ? "generated " : "kept ") + dir.resolve("public.pem"));
        } else if (args.length >= 3 && args[0].equals("mint")) {
            String issuer = System.getenv().getOrDefault("MP_JWT_VERIFY_ISSUER", DEFAULT_ISSUER);
            String audience = System.getenv().getOrDefault("MP_JWT_VERIFY_AUDIENCES", DEFAULT_AUDIENCE).split(",")[0].trim();
            DevTokens tokens = new DevTokens(readPrivateKey(Path.of(args[1]).resolve("private.pem")), issuer, audience);
            List<String> groups = new ArrayList<>(List.of((args.length > 3 ? args[3] : "customer").split(",")));
            String email = args.length > 4 && !args[4].isBlank() ? args[4] : null;
            System.out.println(tokens.mint(args[2], groups, email));
        } else {
            System.err.println("usage: DevTokens keygen DIR | DevTokens mint DIR SUB [GROUPS] [EMAIL]");
            System.exit(2);
        }
    }
}
