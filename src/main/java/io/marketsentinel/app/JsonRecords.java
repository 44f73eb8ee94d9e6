package io.marketsentinel.app;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.marketsentinel.alerting.ChannelDelivery;
import io.marketsentinel.alerting.Decision;
import io.marketsentinel.alerting.Episode;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.Silence;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.check.StatusReport;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.replay.ReplayOutput;
import io.marketsentinel.replay.Replayer;
import io.marketsentinel.rules.Finding;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The domain records Jackson writes and reads by data binding (state, report, replay JSON), kept
 * for reflection in the native executable. Listed here, at the framework's edge, so that the plain
 * Java packages import nothing from Quarkus.
 */
@RegisterForReflection(targets = {
        Notification.class, ChannelDelivery.class, Episode.class, Outbox.class, Decision.class,
        Finding.class, Silence.class, SuspectReading.class, MarketSnapshot.class, MarketSnapshot.CoinQuote.class,
        ApiCall.class, DeliveryAttempt.class, CheckReport.class, CheckReport.StoredState.class,
        StatusReport.class, StatusReport.Alert.class,
        Replayer.Sent.class, Replayer.Folded.class, Replayer.Silenced.class, ReplayOutput.Document.class, ReplayOutput.Summary.class, ReplayOutput.Thresholds.class,
        // The Lambda events the handler reads by data binding, and its typed answers.
        ScheduledEvent.class, APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPEvent.RequestContext.class,
        APIGatewayV2HTTPEvent.RequestContext.Http.class, APIGatewayV2HTTPResponse.class,
        APIGatewayProxyRequestEvent.class, APIGatewayProxyRequestEvent.ProxyRequestContext.class,
        APIGatewayProxyResponseEvent.class})
final class JsonRecords {

    private JsonRecords() {
    }
}
