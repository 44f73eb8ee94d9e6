package io.marketsentinel.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.check.MarketCheck;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The one Lambda handler. It reads the event as JSON, recognises its shape, runs the check and
 * writes the result; an event of any other shape is refused whole, never half-parsed.
 * <ul>
 *   <li>EventBridge scheduled event: {@code "source": "aws.events", "detail-type": "Scheduled Event"}</li>
 *   <li>EventBridge Scheduler input: {@code {"action": "check"}}</li>
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

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = readEvent(input);
        EventShape shape = EventShape.of(event);
        LOG.infof("event=invocation shape=%s", shape);
        CheckReport report = switch (shape) {
            case SCHEDULED, SCHEDULER_ACTION -> check.run(false);
            case UNKNOWN -> throw new UnsupportedEventException(EventShape.describeUnknown(event));
        };
        mapper.writeValue(output, report);
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
