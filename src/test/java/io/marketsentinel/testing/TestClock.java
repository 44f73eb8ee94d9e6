package io.marketsentinel.testing;


import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The clock of every Quarkus test: it starts at the real time, so fixtures look fresh, and moves by hand. */
public final class TestClock extends SettableClock {

    public static final TestClock INSTANCE = new TestClock();

    private TestClock() {
        super(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public synchronized Instant advance(Duration by) {
        set(instant().plus(by));
        return instant();
    }
}
