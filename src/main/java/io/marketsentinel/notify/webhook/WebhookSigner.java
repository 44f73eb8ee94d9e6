package io.marketsentinel.notify.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Signs as the Standard Webhooks specification says: {@code v1,<base64 of HMAC-SHA256 over
 * "id.timestamp.body">} under the secret's key ({@code whsec_} + base64). Written here because it is
 * a dozen lines of the JDK's HMAC, and no library of the stack does it.
 */
public final class WebhookSigner {

    static final String PREFIX = "whsec_";

    private final byte[] key;

    /** @throws IllegalArgumentException when the secret is not {@code whsec_} and base64 (the value never shown) */
    public WebhookSigner(String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the secret must start with " + PREFIX);
        }
        try {
            this.key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret after " + PREFIX + " must be base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the secret after " + PREFIX + " is empty");
        }
    }

    /** Whether {@code secret} is a usable signing secret, for the start-up check. */
    public static boolean valid(String secret) {
        try {
            new WebhookSigner(secret);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String sign(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
