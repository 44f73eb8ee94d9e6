package io.marketsentinel.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.marketsentinel.testing.DynamoDbLocal;
import io.marketsentinel.testing.Loopback;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The native executable as deployed: state in DynamoDB (Local), alerts by mail (GreenMail),
 * CoinGecko on WireMock — the parts that run on the AWS SDK and Jakarta Mail, which native-image
 * has to have kept.
 */
public class NativeStoreAndMail implements QuarkusTestResourceLifecycleManager {

    static final String TABLE = "market-sentinel-native-it";
    static WireMockServer coinGecko;
    static DynamoDbLocal dynamo;
    static GreenMail smtp;

    @Override
    public Map<String, String> start() {
        coinGecko = Loopback.wireMock();
        dynamo = DynamoDbLocal.start();
        dynamo.createTable(TABLE);
        int smtpPort = Loopback.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> config = new HashMap<>();
        config.put("sentinel.coingecko.base-url", "http://127.0.0.1:" + coinGecko.port() + "/api/v3");
        config.put("sentinel.coingecko.retries", "0");
        config.put("sentinel.rules.drawdown.for", "PT0S");
        // Instantaneous drops on purpose: the guard is tested at its defaults elsewhere.
        config.put("sentinel.guard.step-percent", "1000");
        config.put("sentinel.guard.max-percent", "1000");
        config.put("sentinel.store.type", "dynamodb");
        config.put("sentinel.store.dynamodb.table", TABLE);
        config.put("sentinel.store.dynamodb.endpoint", dynamo.endpoint());
        config.put("sentinel.store.dynamodb.region", "us-east-1");
        // Handed to the executable as system properties, where the SDK's credential chain looks first.
        config.put("aws.accessKeyId", "local");
        config.put("aws.secretAccessKey", "local");
        config.put("sentinel.notify.email.to", "ops@example.com");
        config.put("sentinel.notify.email.from", "market-sentinel@example.com");
        config.put("sentinel.notify.email.smtp.host", "127.0.0.1");
        config.put("sentinel.notify.email.smtp.port", Integer.toString(smtpPort));
        config.put("sentinel.notify.email.smtp.security", "none");
        return config;
    }

    @Override
    public void stop() {
        coinGecko.stop();
        dynamo.close();
        smtp.stop();
    }
}
