package io.marketsentinel.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How figures read in messages: "$3,014.7B", "−15.4%", "2026-02-04 12:00 UTC", "15 months". */
public final class Format {

    /** The real minus sign reads better than a hyphen in Slack and mail. */
    public static final String MINUS = "\u2212";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** Billions with one decimal above $1B ("$3,014.7B"), otherwise a price with cents ("$62,100.50"). */
    public static String usd(double amount) {
        String sign = amount < 0 ? MINUS : "";
        double abs = Math.abs(amount);
        if (abs >= 1e12 * 10) {
            return sign + String.format(Locale.ROOT, "$%,.2fT", abs / 1e12);
        }
        if (abs >= 1e9) {
            return sign + String.format(Locale.ROOT, "$%,.1fB", abs / 1e9);
        }
        if (abs >= 1e6) {
            return sign + String.format(Locale.ROOT, "$%,.1fM", abs / 1e6);
        }
        if (abs >= 1) {
            return sign + String.format(Locale.ROOT, "$%,.2f", abs);
        }
        return sign + "$" + new BigDecimal(abs).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A signed amount: "+$12.0B" or "−$452.2B". */
    public static String signedUsd(double amount) {
        return amount >= 0 ? "+" + usd(amount) : usd(amount);
    }

    /** A signed percentage with one decimal: "+2.1%" or "−15.4%". */
    public static String signedPercent(double percent) {
        String body = String.format(Locale.ROOT, "%.1f%%", Math.abs(percent));
        return (percent < 0 ? MINUS : "+") + body;
    }

    public static String percent(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    public static String time(Instant time) {
        return TIME.format(time);
    }

    /** "7-day", "12-hour", "90-minute": how a window reads before "high". */
    public static String windowLabel(Duration window) {
        if (window.toDays() > 0 && window.equals(Duration.ofDays(window.toDays()))) {
            return window.toDays() + "-day";
        }
        if (window.toHours() > 0 && window.equals(Duration.ofHours(window.toHours()))) {
            return window.toHours() + "-hour";
        }
        return window.toMinutes() + "-minute";
    }

    /** How long ago a day is, as people say it: "45 days", "15 months", "2 years 3 months". */
    public static String age(LocalDate then, LocalDate today) {
        long days = today.toEpochDay() - then.toEpochDay();
        if (days < 60) {
            return days == 1 ? "1 day" : days + " days";
        }
        Period period = Period.between(then, today);
        // Rounded to the nearest month: 14 months and 30 days reads "15 months", as people say it.
        long months = period.toTotalMonths() + (period.getDays() >= 15 ? 1 : 0);
        if (months < 24) {
            return months + " months";
        }
        long years = months / 12;
        long rest = months % 12;
        return years + " years" + (rest == 0 ? "" : rest == 1 ? " 1 month" : " " + rest + " months");
    }

    /** A coin id as a name: "bitcoin" reads "Bitcoin", "wrapped-bitcoin" reads "Wrapped Bitcoin". */
    public static String coinName(String coinId) {
        StringBuilder name = new StringBuilder();
        for (String part : coinId.split("-")) {
            if (part.isEmpty()) {
                continue;
            }
            if (name.length() > 0) {
                name.append(' ');
            }
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    /** A human-readable span: "7d", "3d 4h", "45m". */
    public static String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        StringBuilder s = new StringBuilder();
        if (days > 0) {
            s.append(days).append('d');
        }
        if (hours > 0) {
            s.append(s.length() > 0 ? " " : "").append(hours).append('h');
        }
        if (minutes > 0 || s.length() == 0) {
            s.append(s.length() > 0 ? " " : "").append(minutes).append('m');
        }
        return s.toString();
    }
}
