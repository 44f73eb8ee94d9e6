package io.marketsentinel.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A channel's quiet hours ({@code sentinel.notify.<channel>.quiet-hours}, e.g. {@code 22:00-07:00}, across
 * midnight allowed) in the notify time zone: during them what the channel would get waits in the outbox.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})");

    /** @throws IllegalArgumentException saying what form is expected */
    public static QuietHours parse(String text, ZoneId zone) {
        Matcher m = FORM.matcher(text.strip());
        try {
            if (m.matches()) {
                LocalTime start = LocalTime.parse(pad(m.group(1)));
                LocalTime end = LocalTime.parse(pad(m.group(2)));
                if (!start.equals(end)) {
                    return new QuietHours(start, end, zone);
                }
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new IllegalArgumentException("is '" + text + "': write the quiet hours as HH:MM-HH:MM, e.g. 22:00-07:00");
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    public boolean contains(Instant at) {
        LocalTime t = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** The quiet period that ended last at or before {@code now}: its start and end. */
    public Optional<Instant[]> lastPeriodBefore(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        for (int back = 0; back <= 2; back++) {
            Instant[] period = period(today.minusDays(back));
            if (!period[1].isAfter(now)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

    /** How much of {@code [from, to)} lay in quiet hours. */
    public Duration overlap(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration quiet = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            Instant[] p = period(day);
            Instant a = p[0].isAfter(from) ? p[0] : from;
            Instant b = p[1].isBefore(to) ? p[1] : to;
            if (b.isAfter(a)) {
                quiet = quiet.plus(Duration.between(a, b));
            }
        }
        return quiet;
    }

    /** The quiet period that starts on {@code day} (ending the next day when it runs across midnight). */
    private Instant[] period(LocalDate day) {
        ZonedDateTime from = day.atTime(start).atZone(zone);
        ZonedDateTime to = (start.isBefore(end) ? day : day.plusDays(1)).atTime(end).atZone(zone);
        return new Instant[] {from.toInstant(), to.toInstant()};
    }

    @Override
    public String toString() {
        return start + "-" + end + " " + zone;
    }
}
