package io.marketsentinel.lambda;

/**
 * Request-controlled text made safe to quote in a log line or an error message: control characters
 * (a newline would forge a whole log line) are escaped, and the length is bounded.
 */
final class Sanitize {

    static final int MAX_LENGTH = 80;

    private Sanitize() {
    }

    static String forMessage(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_LENGTH) {
                return out.append('\u2026').toString();
            }
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
