package io.marketsentinel.notify.teams;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.concurrent.CompletionStage;

/** A Teams Workflows webhook as a Quarkus REST Client: one POST of the card message to its URL (a secret, per call). */
@RegisterRestClient(configKey = "teams")
interface TeamsApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    CompletionStage<Response> post(@Url String webhookUrl, TeamsMessage message);
}
