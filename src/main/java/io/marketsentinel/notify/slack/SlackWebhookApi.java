package io.marketsentinel.notify.slack;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.rest.client.reactive.Url;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.concurrent.CompletionStage;

/**
 * A Slack incoming webhook as a Quarkus REST Client: one POST of the Block Kit message to the whole
 * webhook URL (the secret), given per call ({@link Url}) so that the primer can warm this very
 * client instance against a loopback stub. The raw {@link Response} goes back to
 * {@link SlackNotifier}, which classifies it.
 */
@RegisterRestClient(configKey = "slack")
interface SlackWebhookApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    CompletionStage<Response> post(@Url String webhookUrl, SlackMessage message);
}
