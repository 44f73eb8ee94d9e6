package io.marketsentinel.notify.slack;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A Slack incoming webhook as a Quarkus REST Client: the whole webhook URL is the base URI (it is
 * the secret), and one POST of the Block Kit message. The raw {@link Response} goes back to
 * {@link SlackNotifier}, which classifies it.
 */
@RegisterRestClient(configKey = "slack")
interface SlackWebhookApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    Response post(SlackMessage message);
}
