package io.marketsentinel.market;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The CoinGecko endpoints the function uses, as the REST client sees them. Raw responses: status
 * handling, retries and validation belong to {@link CoinGeckoClient}. A {@code null} header is not
 * sent, so the caller passes the key in exactly one of the two.
 */
@RegisterRestClient(configKey = "coingecko")
@Produces(MediaType.APPLICATION_JSON)
interface CoinGeckoApi {

    @GET
    @Path("/global")
    Response global(@HeaderParam("x-cg-demo-api-key") String demoKey,
                    @HeaderParam("x-cg-pro-api-key") String proKey);

    @GET
    @Path("/simple/price")
    Response simplePrice(@QueryParam("ids") String ids,
                         @QueryParam("vs_currencies") String vsCurrencies,
                         @QueryParam("include_last_updated_at") boolean includeLastUpdatedAt,
                         @HeaderParam("x-cg-demo-api-key") String demoKey,
                         @HeaderParam("x-cg-pro-api-key") String proKey);

    /** Paid plans only: the total market cap over the last {@code days} days. */
    @GET
    @Path("/global/market_cap_chart")
    Response marketCapChart(@QueryParam("vs_currency") String vsCurrency,
                            @QueryParam("days") String days,
                            @HeaderParam("x-cg-demo-api-key") String demoKey,
                            @HeaderParam("x-cg-pro-api-key") String proKey);

    @GET
    @Path("/coins/{id}/market_chart")
    Response marketChart(@PathParam("id") String coinId,
                         @QueryParam("vs_currency") String vsCurrency,
                         @QueryParam("days") String days,
                         @QueryParam("interval") String interval,
                         @HeaderParam("x-cg-demo-api-key") String demoKey,
                         @HeaderParam("x-cg-pro-api-key") String proKey);
}
