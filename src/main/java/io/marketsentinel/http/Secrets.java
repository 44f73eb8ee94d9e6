package io.marketsentinel.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps secrets (webhook URLs, tokens, API keys, passwords) out of every message, log line, report and
 * stored error: any text that came back from a remote server, or that might quote a secret, is scrubbed
 * of each secret and of each identifying part of one — a URL's path, each path segment and query value
 * that is not a plain word (Slack's {@code T…}, {@code B…} and token segments), each part of a token
 * around its {@code :} or {@code /} — since a server may echo a part alone ({@code invalid_token: <the
 * token segment>}). URLs are shown through {@link HttpAnswers#redactUrl}. Hand-written: no library knows
 * which parts of our secrets identify them.
 */
public final class Secrets {

    /** Parts shorter than this are too common to be identifying (and scrubbing them would garble text). */
    private static final int SHORTEST_PART = 4;

    private Secrets() {
    }

    /** Replaces every occurrence of each secret, and of each identifying part of it, in {@code text} with "***". */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null) {
                parts.addAll(parts(secret));
            }
        }
        // The longest first, so that a whole secret goes before its parts and nothing is left half-replaced.
        parts.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String part : parts) {
            out = out.replace(part, "***");
        }
        return out;
    }

    /** The secret and its identifying parts, each at least {@value #SHORTEST_PART} characters long. */
    static Set<String> parts(String secret) {
        Set<String> parts = new LinkedHashSet<>();
        add(parts, secret);
        URI uri = uri(secret);
        if (uri != null) {
            add(parts, uri.getRawPath());
            add(parts, uri.getRawQuery());
            add(parts, uri.getRawUserInfo());
            for (String segment : split(uri.getRawPath(), "/")) {
                if (!plainWord(segment)) {
                    add(parts, segment);
                }
            }
            for (String pair : split(uri.getRawQuery(), "&")) {
                int eq = pair.indexOf('=');
                add(parts, eq < 0 ? pair : pair.substring(eq + 1));
            }
        } else {
            // A bot token ("123456:AAE…"), a key with a prefix: each part may be echoed alone.
            for (String piece : split(secret, "[:/]")) {
                add(parts, piece);
            }
        }
        return parts;
    }

    /** "services", "webhooks", "api", "v2": path words every such URL has, which identify nothing. */
    private static boolean plainWord(String segment) {
        return segment.length() <= 12 && segment.chars().allMatch(c -> (c >= 'a' && c <= 'z') || c == '-' || c == '.'
                || (c >= '0' && c <= '9' && segment.length() <= 3));
    }

    private static void add(Set<String> parts, String part) {
        if (part != null && part.length() >= SHORTEST_PART) {
            parts.add(part);
        }
    }

    private static List<String> split(String value, String separator) {
        return value == null ? List.of() : List.of(value.split(separator));
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value);
            return uri.getScheme() != null && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
