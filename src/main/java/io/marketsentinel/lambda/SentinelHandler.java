package io.marketsentinel.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.check.MarketCheck;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * The one Lambda handler. It reads the event, recognises its shape, reads it into that shape's type
 * from {@code aws-lambda-java-events}, runs the check and answers with the shape's typed response;
 * an event of any other shape is refused whole, never half-parsed.
 * <ul>
 *   <li>EventBridge scheduled event ({@link ScheduledEvent}): {@code "source": "aws.events",
 *       "detail-type": "Scheduled Event"}</li>
 *   <li>EventBridge Scheduler input: {@code {"action": "check"}}</li>
 *   <li>Lambda Function URL / HTTP API requests ({@link APIGatewayV2HTTPEvent}) and REST API proxy
 *       requests ({@link APIGatewayProxyRequestEvent}): the manual trigger, see {@link ManualTrigger}</li>
 * </ul>
 * A check that fails (CoinGecko down, bad data, store unreadable) fails the invocation, so Lambda
 * counts an error, the scheduler's retry policy applies, and the alarm on errors sees it. An HTTP
 * caller always gets an HTTP answer, never a bare invocation error.
 */
@Named("sentinel")
public class SentinelHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(SentinelHandler.class);

    /** The event JSON as AWS writes it: {@code detail-type} (the types' own name is {@code detailType}), no Joda time needed. */
    @JsonIgnoreProperties({"time"})
    @RegisterForReflection
    abstract static class ScheduledEventJson {
        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }

    /**
     * Events are read strictly: a string field given as a number or an object (a numeric method, a
     * body that is a JSON object) is a bad request naming the field, never coerced or ignored.
     */
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addMixIn(ScheduledEvent.class, ScheduledEventJson.class)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final MarketCheck check;
    private final ManualTrigger trigger;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public SentinelHandler(MarketCheck check, ManualTrigger trigger, ObjectMapper mapper, Clock clock) {
        this.check = check;
        this.trigger = trigger;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Reads a scheduled event and writes an HTTP answer as an invocation does, so that init has loaded it all. */
    public void prime() throws IOException {
        typed(EVENTS.readTree("{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}"),
                ScheduledEvent.class);
        EVENTS.writeValue(OutputStream.nullOutputStream(), HttpEvents.v2(HttpResult.error(400, "bad_request", "primed"),
                mapper.writeValueAsString(new HttpResult.Error("bad_request", "primed"))));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = readEvent(input);
        EventShape shape = EventShape.of(event);
        LOG.infof("event=invocation shape=%s", shape);
        Instant deadline = deadline(context);
        Object result = switch (shape) {
            case SCHEDULED -> {
                typed(event, ScheduledEvent.class);
                yield check.run(false, deadline);
            }
            case SCHEDULER_ACTION -> check.run(false, deadline);
            case HTTP_V2 -> http(event, APIGatewayV2HTTPEvent.class, HttpEvents::request, HttpEvents::v2, deadline);
            case HTTP_V1 -> http(event, APIGatewayProxyRequestEvent.class, HttpEvents::request, HttpEvents::v1, deadline);
            case UNKNOWN -> throw new UnsupportedEventException(EventShape.describeUnknown(event));
        };
        // The report as the application writes it everywhere; the typed HTTP responses without their unset fields.
        (result instanceof CheckReport ? mapper : EVENTS).writeValue(output, result);
    }

    /** When Lambda ends this invocation (its remaining time), or {@code null} when nothing says. */
    private Instant deadline(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return null;
        }
        return clock.instant().plusMillis(context.getRemainingTimeInMillis());
    }

    /** Turns the trigger's answer into the typed response of the request's own payload format. */
    @FunctionalInterface
    private interface Answer<R> {
        R of(HttpResult result, String body);
    }

    private <E, R> R http(JsonNode event, Class<E> type, Function<E, HttpRequest> request, Answer<R> answer,
                          Instant deadline) {
        HttpResult result;
        try {
            result = trigger.handle(request.apply(typed(event, type)), deadline);
        } catch (BadRequestException | UnsupportedEventException e) {
            result = HttpResult.error(400, "bad_request", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "event=http_internal_error");
            result = HttpResult.error(500, "internal", "internal error; see the function's log");
        }
        try {
            return answer.of(result, mapper.writeValueAsString(result.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer could not be written as JSON", e);
        }
    }

    /** The event as its type; a field of the wrong type is named (never its value: an event may carry anything). */
    private static <E> E typed(JsonNode event, Class<E> type) {
        try {
            return EVENTS.treeToValue(event, type);
        } catch (JsonMappingException e) {
            throw new UnsupportedEventException("unsupported " + type.getSimpleName() + ": field '" + path(e)
                    + "' has the wrong type");
        } catch (JsonProcessingException e) {
            throw new UnsupportedEventException("unsupported " + type.getSimpleName() + ": unreadable");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(Sanitize.forMessage(ref.getFieldName()));
            }
        }
        return out.toString();
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
