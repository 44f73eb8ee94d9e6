package io.marketsentinel.testing;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Slack-webhook-shaped answers. */
public final class SlackStubs {

    private SlackStubs() {
    }

    /** Accepts every post as Slack does: 200 with body {@code ok}. */
    public static void accepting(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo(FakeServers.SLACK_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("ok")));
    }

    /** Forgets earlier stubs and requests, then accepts every post, each only after {@code delayMillis}: a slow Slack. */
    public static void acceptingAfter(WireMockServer server, int delayMillis) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(FakeServers.SLACK_PATH))
                .willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(delayMillis)));
    }

    public static int posts(WireMockServer server) {
        return server.findAll(postRequestedFor(urlPathEqualTo(FakeServers.SLACK_PATH))).size();
    }
}
