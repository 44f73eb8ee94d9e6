package io.marketsentinel.market;

import io.marketsentinel.history.Reading;

import java.time.Instant;
import java.util.List;

/**
 * The checks of one field of a CoinGecko answer, used by the DTOs of {@link CoinGeckoApi} to hand over
 * only values that are what they claim: present, a finite positive number, a Unix time, a
 * {@code [time, value]} pair. A field that is not becomes a {@link MarketDataException} naming the call
 * and the field.
 */
final class Fields {

    /** The last second of year 9999: later "Unix times" are not times at all (and beyond what Instant holds). */
    private static final long LAST_SECOND = 253_402_300_799L;

    private Fields() {
    }

    static <T> T present(T value, String request, String path) {
        if (value == null) {
            throw new MarketDataException(request + ": missing field '" + path + "'", true);
        }
        return value;
    }

    static double positive(Double value, String request, String path) {
        double v = present(value, request, path);
        if (Double.isNaN(v)) {
            // Jackson reads the string "NaN" as a double whatever the coercion settings.
            throw new MarketDataException(request + ": field '" + path + "' is not a number", true);
        }
        if (Double.isInfinite(v)) {
            // Jackson reads a number too long for a double (hundreds of digits) as infinity.
            throw new MarketDataException(request + ": field '" + path + "' is too large to be a number", true);
        }
        if (!(v > 0)) {
            throw new MarketDataException(request + ": field '" + path + "' must be positive, got " + plain(v), true);
        }
        return v;
    }

    static Instant epochSeconds(Long seconds, String request, String path) {
        long s = present(seconds, request, path);
        if (s <= 0 || s > LAST_SECOND) {
            throw new MarketDataException(request + ": field '" + path + "' is not a Unix time in seconds", true);
        }
        return Instant.ofEpochSecond(s);
    }

    /** A {@code [epoch millis, value]} pair of a chart. */
    static Reading reading(List<Double> point, String request, String where) {
        if (point == null || point.size() < 2 || point.get(0) == null || point.get(1) == null) {
            throw new MarketDataException(request + ": field '" + where + "' is not a [time, value] pair", false);
        }
        double millis = point.get(0);
        if (!(millis > 0) || millis > LAST_SECOND * 1000.0) {
            throw new MarketDataException(request + ": field '" + where + "[0]' is not a Unix time in milliseconds", true);
        }
        return new Reading(Instant.ofEpochMilli((long) millis), positive(point.get(1), request, where + "[1]"));
    }

    /** A chart's points, which must not be empty. */
    static <T> List<T> nonEmpty(List<T> points, String request, String path) {
        if (present(points, request, path).isEmpty()) {
            throw new MarketDataException(request + ": field '" + path + "' is not a non-empty array", false);
        }
        return points;
    }

    /** "0" and "-5.5" as CoinGecko wrote them, not "0.0". */
    private static String plain(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
