package io.marketsentinel.testing;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.util.Map;

/**
 * DynamoDB Local, in this JVM, in memory, listening on 127.0.0.1 only (its own runner would listen
 * on every interface and offer telemetry; neither is wanted here).
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final Server server;
    private final int port;

    private DynamoDbLocal(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static DynamoDbLocal start() {
        try {
            LocalDynamoDBRequestHandler handler = new LocalDynamoDBRequestHandler(0, true, null, true, false);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            LocalDynamoDBServerHandler serverHandler = new LocalDynamoDBServerHandler(handler, null);
            server.setHandler(new DynamoDBProxyServer(0, serverHandler).setUpHandler(serverHandler));
            server.start();
            return new DynamoDbLocal(server, connector.getLocalPort());
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The environment that points a packaged function's state at {@code table} here, with
     * credentials as Lambda hands them to a function (this server accepts any); the region comes
     * from {@code AWS_REGION}, which {@link PackagedFunction} sets as Lambda does.
     */
    public Map<String, String> functionEnv(String table) {
        return Map.of("SENTINEL_STORE_TYPE", "dynamodb",
                "SENTINEL_STORE_DYNAMODB_TABLE", table,
                "SENTINEL_STORE_DYNAMODB_ENDPOINT", endpoint(),
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_SESSION_TOKEN", "local");
    }

    /** A client as the function builds one (URL-connection HTTP client), pointed here with fake credentials. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates the table as the infrastructure does: partition key {@code pk} (String), on demand. */
    public void createTable(String table) {
        try (DynamoDbClient client = client()) {
            client.createTable(b -> b.tableName(table)
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
