package io.marketsentinel.testing;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A seam in a WireMock server: each request that arrives releases a permit as soon as it is matched,
 * before any delay of its answer, so a test can act while a run waits inside a send, without a sleep.
 */
public final class Arrivals implements ServeEventListener {

    private final Semaphore arrived = new Semaphore(0);

    @Override
    public String getName() {
        return "arrivals";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public void afterMatch(ServeEvent serveEvent, Parameters parameters) {
        arrived.release();
    }

    /** Forgets what arrived so far: {@link #await} counts from here. */
    public void reset() {
        arrived.drainPermits();
    }

    /** Waits until {@code count} more requests have arrived (twenty seconds at most, then fails saying so). */
    public void await(int count) throws InterruptedException {
        if (!arrived.tryAcquire(count, 20, TimeUnit.SECONDS)) {
            throw new AssertionError("fewer than " + count + " request(s) arrived in 20 s");
        }
    }
}
