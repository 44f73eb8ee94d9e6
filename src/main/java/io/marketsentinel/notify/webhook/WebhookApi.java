package io.marketsentinel.notify.webhook;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.concurrent.CompletionStage;

/**
 * The user's own endpoint as a Quarkus REST Client: one POST of the notification's JSON, with the
 * Standard Webhooks headers. The body goes as the exact bytes that were signed. The URL (a secret) is
 * given per call.
 */
@RegisterRestClient(configKey = "webhook")
interface WebhookApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    CompletionStage<Response> post(@Url String url, @HeaderParam("webhook-id") String id,
                                   @HeaderParam("webhook-timestamp") String timestamp,
                                   @HeaderParam("webhook-signature") String signature, String body);
}
