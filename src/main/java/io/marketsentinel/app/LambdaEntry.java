package io.marketsentinel.app;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.marketsentinel.config.StartFailure;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The handler the JVM Lambda runtime ({@code java21}, SnapStart) is given: Quarkus' stream handler, whose
 * failed start is said as the sentences the command line prints — naming each bad key and its environment
 * variable, never a secret's value — rather than "Quarkus manual initialization failed", and without a
 * stack trace unless debug logging is on. The sentences are the init error Lambda records and shows.
 */
public final class LambdaEntry implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(LambdaEntry.class);

    private final QuarkusStreamHandler quarkus;

    public LambdaEntry() {
        try {
            quarkus = new QuarkusStreamHandler();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("start failed", e);
            throw new StartFailed(String.join("; ", StartFailure.sentences(e,
                    "QUARKUS_LOG_CATEGORY__IO_MARKETSENTINEL__LEVEL=DEBUG logs the stack trace")));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        quarkus.handleRequest(input, output, context);
    }

    /** A start that failed, said in sentences; no stack trace of its own (the sentences say it all). */
    static final class StartFailed extends RuntimeException {
        StartFailed(String sentences) {
            super(sentences, null, false, false);
        }
    }
}
