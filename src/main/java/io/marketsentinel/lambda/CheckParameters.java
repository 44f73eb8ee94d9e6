package io.marketsentinel.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of {@code POST /check}: {@code dryRun}, from the query ({@code ?dryRun=true}) or a
 * JSON body ({@code {"dryRun": true}}). Anything ambiguous is refused rather than guessed, because
 * a wrong guess either wakes people (a real run asked for as a dry one) or hides an alert: a
 * repeated query parameter, a duplicate JSON key, a non-boolean, or query and body that disagree.
 */
final class CheckParameters {

    private final ObjectReader strictJson;

    CheckParameters(ObjectMapper mapper) {
        this.strictJson = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** @throws BadRequestException naming what is wrong */
    boolean dryRun(HttpRequest request) {
        Optional<Boolean> fromQuery = fromQuery(request.query());
        Optional<Boolean> fromBody = fromBody(request.body().strip());
        if (fromQuery.isPresent() && fromBody.isPresent() && !fromQuery.get().equals(fromBody.get())) {
            throw new BadRequestException("dryRun is " + fromQuery.get() + " in the query but " + fromBody.get()
                    + " in the body; give it once");
        }
        return fromQuery.or(() -> fromBody).orElse(false);
    }

    private static Optional<Boolean> fromQuery(Map<String, List<String>> query) {
        Optional<Boolean> dryRun = Optional.empty();
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            if (!p.getKey().equals("dryRun")) {
                throw new BadRequestException("unknown parameter '" + Sanitize.forMessage(p.getKey())
                        + "' (POST /check takes only dryRun)");
            }
            if (p.getValue().size() != 1) {
                throw new BadRequestException("dryRun given " + p.getValue().size() + " times in the query; give it once");
            }
            dryRun = Optional.of(booleanValue(p.getValue().get(0)));
        }
        return dryRun;
    }

    private Optional<Boolean> fromBody(String body) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = strictJson.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(e.getOriginalMessage().startsWith("Duplicate field")
                    ? "body has a duplicate field (" + Sanitize.forMessage(e.getOriginalMessage()) + ")"
                    : "body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new BadRequestException("body must be a JSON object such as {\"dryRun\": true}");
        }
        Optional<Boolean> dryRun = Optional.empty();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("dryRun")) {
                throw new BadRequestException("unknown field '" + Sanitize.forMessage(name) + "' in body (only dryRun is accepted)");
            }
            JsonNode value = json.get(name);
            if (!value.isBoolean()) {
                throw new BadRequestException("field 'dryRun' must be true or false");
            }
            dryRun = Optional.of(value.booleanValue());
        }
        return dryRun;
    }

    private static boolean booleanValue(String value) {
        // One rule for query and body, as the README says: true or false, nothing that merely looks like it.
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException("unknown value '" + Sanitize.forMessage(value)
                    + "' for dryRun (expected true or false)");
        };
    }
}
