package io.marketsentinel.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.marketsentinel.check.SilenceRequest;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /silences}: {@code {"rule": "coin-low", "subject": "bitcoin", "for": "12h",
 * "comment": "…"}} ({@code until} instead of {@code for}). Read strictly — an unknown or duplicate field, a
 * value that is not a string — because a silence that mutes more, or longer, than asked hides an alert.
 */
final class SilenceParameters {

    private static final List<String> FIELDS = List.of("rule", "subject", "for", "until", "comment");

    private final ObjectReader strictJson;

    SilenceParameters(ObjectMapper mapper) {
        this.strictJson = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** @throws BadRequestException naming the field that is wrong */
    SilenceRequest request(HttpRequest request) {
        if (!request.query().isEmpty()) {
            throw new BadRequestException("unknown parameter '" + Sanitize.forMessage(request.query().keySet().iterator().next())
                    + "' (POST /silences takes a JSON body)");
        }
        JsonNode json;
        try {
            json = strictJson.readTree(request.body().strip());
        } catch (JsonProcessingException e) {
            throw new BadRequestException(e.getOriginalMessage().startsWith("Duplicate field")
                    ? "body has a duplicate field (" + Sanitize.forMessage(e.getOriginalMessage()) + ")"
                    : "body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw new BadRequestException("body must be a JSON object such as {\"rule\": \"coin-low\", \"for\": \"12h\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!FIELDS.contains(field.getKey())) {
                throw new BadRequestException("unknown field '" + Sanitize.forMessage(field.getKey()) + "' (a silence takes "
                        + String.join(", ", FIELDS) + ")");
            }
            if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                throw new BadRequestException(field.getKey() + ": must be a string");
            }
        }
        return new SilenceRequest(text(json, "rule"), text(json, "subject"), text(json, "for"), text(json, "until"),
                text(json, "comment"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
