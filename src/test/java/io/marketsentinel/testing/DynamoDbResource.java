package io.marketsentinel.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** DynamoDB Local for a Quarkus test profile, with the table the infrastructure would create. */
public class DynamoDbResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "market-sentinel-test";
    private static DynamoDbLocal dynamo;

    public static DynamoDbLocal dynamo() {
        return dynamo;
    }

    @Override
    public Map<String, String> start() {
        dynamo = DynamoDbLocal.start();
        dynamo.createTable(TABLE);
        return Map.of(
                "sentinel.store.type", "dynamodb",
                "sentinel.store.dynamodb.table", TABLE,
                "quarkus.dynamodb.endpoint-override", dynamo.endpoint(),
                "quarkus.dynamodb.aws.region", "us-east-1",
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "local",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "local");
    }

    @Override
    public void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
    }
}
