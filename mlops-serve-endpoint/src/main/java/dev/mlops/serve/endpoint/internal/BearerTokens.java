package dev.mlops.serve.endpoint.internal;

import dev.mlops.serve.endpoint.internal.EndpointException.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * The bearer tokens an endpoint accepts, kept as SHA-256 digests and compared in constant time (every token is
 * compared, whatever matched), so neither the tokens nor their length leak through timing. No tokens: open.
 */
public final class BearerTokens {
    private final List<byte[]> digests;

    /** Accepts these tokens; an empty set lets every request through. */
    public BearerTokens(Set<String> tokens) {
        for (String t : tokens) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("A bearer token must not be blank");
            }
        }
        this.digests = tokens.stream().map(BearerTokens::sha256).toList();
    }

    /** Whether any token is required. */
    public boolean required() {
        return !digests.isEmpty();
    }

    /**
     * Checks an {@code Authorization} header value.
     *
     * @throws EndpointException UNAUTHENTICATED when tokens are required and this is not one of them
     */
    public void check(String authorization) {
        if (digests.isEmpty()) {
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new EndpointException(Kind.UNAUTHENTICATED, "this endpoint needs a bearer token: send the header "
                    + "'Authorization: Bearer <token>'");
        }
        byte[] given = sha256(authorization.substring(7).trim());
        boolean ok = false;
        for (byte[] d : digests) {
            ok |= MessageDigest.isEqual(d, given);
        }
        if (!ok) {
            throw new EndpointException(Kind.UNAUTHENTICATED, "the bearer token is not one this endpoint accepts");
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
