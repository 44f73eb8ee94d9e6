package io.marketsentinel.history;

import java.util.Locale;

/** A reading outside what it could possibly be (non-finite, not positive, absurdly small or large); nothing is stored. */
public class ImplausibleReadingException extends IllegalArgumentException {

    private final String field;
    private final double value;
    private final double min;
    private final double max;

    public ImplausibleReadingException(String field, double value, double min, double max) {
        super(describe(field, value, min, max));
        this.field = field;
        this.value = value;
        this.min = min;
        this.max = max;
    }

    /** The field as the history names it: {@code total_market_cap_usd}, or {@code <coin>.usd}. */
    public String field() {
        return field;
    }

    /** The same sentence, naming the field as its source does (e.g. CoinGecko's {@code data.total_market_cap.usd}). */
    public String about(String sourceField) {
        return describe(sourceField, value, min, max);
    }

    private static String describe(String field, double value, double min, double max) {
        return String.format(Locale.ROOT, "field '%s' is %s, outside the plausible range %s to %s", field, value, min, max);
    }
}
