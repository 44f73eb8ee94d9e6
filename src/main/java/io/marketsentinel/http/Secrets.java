package io.marketsentinel.http;

import java.net.URI;
import java.util.Collection;

/**
 * Keeps secrets (webhook URLs, tokens, passwords) out of every message, log line and report:
 * any text that might echo a secret is scrubbed of it (URLs are shown through
 * {@link HttpAnswers#redactUrl}).
 */
public final class Secrets {

    private Secrets() {
    }

    /** Replaces every occurrence of each secret (and of its URL path, for URLs) in {@code text} with "***". */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret == null || secret.length() < 4) {
                continue;
            }
            out = out.replace(secret, "***");
            try {
                String path = URI.create(secret).getRawPath();
                if (path != null && path.length() > 8) {
                    out = out.replace(path, "/***");
                }
            } catch (IllegalArgumentException e) {
                // not a URL: the plain replacement above is all there is to do
            }
        }
        return out;
    }
}
