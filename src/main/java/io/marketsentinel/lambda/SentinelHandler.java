package io.marketsentinel.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.config.SentinelConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The one Lambda handler. It reads the event as JSON, recognises its shape, runs the check and
 * writes the result; an event of any other shape is refused whole, never half-parsed.
 * <ul>
 *   <li>EventBridge scheduled event: {@code "source": "aws.events", "detail-type": "Scheduled Event"}</li>
 *   <li>EventBridge Scheduler input: {@code {"action": "check"}}</li>
 *   <li>Lambda Function URL / HTTP API (payload 2.0) and REST API proxy (1.0) requests: the
 *       manual trigger, see {@link ManualTrigger}</li>
 * </ul>
 * A check that fails (CoinGecko down, bad data, store unreadable) fails the invocation, so Lambda
 * counts an error, the scheduler's retry policy applies, and the alarm on errors sees it.
 */
@Named("sentinel")
public class SentinelHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(SentinelHandler.class);

    @Inject
    MarketCheck check;

    @Inject
    ObjectMapper mapper;

    @Inject
    ManualTrigger trigger;

    @Inject
    SentinelConfig config;

    @Inject
    Clock clock;

    /** A scheduled event and an HTTP answer, as an invocation reads and writes them (see {@link io.marketsentinel.check.Primer}). */
    void prime(@Observes StartupEvent event) {
        if (!config.prime()) {
            return;
        }
        try {
            JsonNode sample = readEvent(new ByteArrayInputStream(
                    "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}"
                            .getBytes(StandardCharsets.UTF_8)));
            EventShape.of(sample);
            mapper.writeValue(OutputStream.nullOutputStream(), HttpResult.error(400, "bad_request", "primed").toEvent(mapper));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("event=prime_skipped step=handler reason=%s", e.getClass().getSimpleName());
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = readEvent(input);
        EventShape shape = EventShape.of(event);
        LOG.infof("event=invocation shape=%s", shape);
        Instant deadline = deadline(context);
        Object result = switch (shape) {
            case SCHEDULED, SCHEDULER_ACTION -> check.run(false, deadline);
            case HTTP_V2 -> http(() -> HttpEvents.fromV2(event), deadline);
            case HTTP_V1 -> http(() -> HttpEvents.fromV1(event), deadline);
            case UNKNOWN -> throw new UnsupportedEventException(EventShape.describeUnknown(event));
        };
        mapper.writeValue(output, result);
    }

    /** An HTTP caller always gets an HTTP answer, never a bare invocation error. */
    /** When Lambda ends this invocation (its remaining time), or {@code null} when nothing says. */
    private Instant deadline(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return null;
        }
        return clock.instant().plusMillis(context.getRemainingTimeInMillis());
    }

    private HttpResult.ProxyResult http(Supplier<HttpRequest> parse, Instant deadline) {
        try {
            return trigger.handle(parse.get(), deadline).toEvent(mapper);
        } catch (BadRequestException e) {
            return HttpResult.error(400, "bad_request", e.getMessage()).toEvent(mapper);
        } catch (RuntimeException e) {
            LOG.errorf(e, "event=http_internal_error");
            return HttpResult.error(500, "internal", "internal error; see the function's log").toEvent(mapper);
        }
    }

    private JsonNode readEvent(InputStream input) throws IOException {
        try {
            JsonNode event = mapper.readTree(input);
            if (event == null || !event.isObject()) {
                throw new UnsupportedEventException("unsupported event: expected a JSON object");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new UnsupportedEventException("unsupported event: not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
