package io.marketsentinel.notify.discord;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import java.util.concurrent.CompletionStage;

/** A Discord webhook as a Quarkus REST Client: one POST of the message to the webhook URL (a secret, per call). */
@RegisterRestClient(configKey = "discord")
interface DiscordApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    CompletionStage<Response> post(@Url String webhookUrl, DiscordMessage message);

    /** The message as {@code payload_json} and a file as {@code files[0]}, a multipart form. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    CompletionStage<Response> postWithFile(@Url String webhookUrl, ClientMultipartForm form);
}
