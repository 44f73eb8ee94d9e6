package io.marketsentinel.notify;

import java.net.URI;
import java.util.Collection;

/**
 * Keeps secrets (webhook URLs, tokens, passwords) out of every message, log line and report:
 * a URL is shown only by its host and the shape of its path, and any text that might echo a
 * secret is scrubbed of it.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * "https://hooks.slack.com/services/T0AB/B0CD/xyz" reads "https://hooks.slack.com/services/T…/B…/***":
     * enough to tell which webhook is meant, nothing that lets anyone post to it.
     */
    public static String redactUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "***";
            }
            StringBuilder out = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
            if (uri.getPort() != -1) {
                out.append(':').append(uri.getPort());
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String[] segments = path.split("/");
            int last = segments.length - 1;
            for (int i = 1; i < segments.length; i++) {
                String s = segments[i];
                out.append('/');
                if (i == 1 && segments.length > 2) {
                    out.append(s);
                } else if (i == last) {
                    out.append("***");
                } else {
                    out.append(s.isEmpty() ? "" : s.charAt(0) + "\u2026");
                }
            }
            return out.toString();
        } catch (IllegalArgumentException e) {
            return "***";
        }
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
