package io.marketsentinel.notify.telegram;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import java.util.concurrent.CompletionStage;

/**
 * The Telegram Bot API's {@code sendMessage} and {@code sendPhoto} as a Quarkus REST Client, its base URL from
 * {@code sentinel.notify.telegram.base-url}. The bot token sits in the path, so it is a secret there too.
 */
@RegisterRestClient(configKey = "telegram")
interface TelegramApi {

    @POST
    @Path("/bot{token}/sendMessage")
    @Consumes(MediaType.APPLICATION_JSON)
    CompletionStage<Response> sendMessage(@PathParam("token") String token, TelegramMessage message);

    /** {@code chat_id}, {@code photo} (the PNG), {@code caption} and {@code parse_mode} as a multipart form. */
    @POST
    @Path("/bot{token}/sendPhoto")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    CompletionStage<Response> sendPhoto(@PathParam("token") String token, ClientMultipartForm photo);
}
