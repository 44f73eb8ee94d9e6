package io.marketsentinel.lambda;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The manual trigger's authentication: {@code Authorization: Bearer <token>} against the configured
 * token. Digests are compared in constant time, so the time taken says nothing about how much of the
 * token was right. Neither token ever leaves this class.
 */
final class BearerAuth {

    /** What an authentication attempt came to. */
    enum Access { DISABLED, REFUSED, ACCEPTED }

    private final Optional<byte[]> tokenDigest;

    BearerAuth(Optional<String> token) {
        this.tokenDigest = token.filter(t -> !t.isBlank()).map(BearerAuth::sha256);
    }

    Access check(Optional<String> authorization) {
        if (tokenDigest.isEmpty()) {
            return Access.DISABLED;
        }
        if (authorization.isEmpty()) {
            return Access.REFUSED;
        }
        String value = authorization.get().strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Access.REFUSED;
        }
        return MessageDigest.isEqual(sha256(value.substring(7).strip()), tokenDigest.get())
                ? Access.ACCEPTED : Access.REFUSED;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
