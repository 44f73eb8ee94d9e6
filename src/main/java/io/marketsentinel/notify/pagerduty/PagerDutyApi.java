package io.marketsentinel.notify.pagerduty;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.concurrent.CompletionStage;

/** PagerDuty's Events API v2 as a Quarkus REST Client: one POST of an event to the enqueue URL. */
@RegisterRestClient(configKey = "pagerduty")
interface PagerDutyApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    CompletionStage<Response> enqueue(@Url String url, PagerDutyEvent event);
}
