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
        // The function takes credentials from the AWS environment, as on Lambda; here, the SDK's
        // system properties (DynamoDB Local accepts any).
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        dynamo.createTable(TABLE);
        return Map.of(
                "sentinel.store.type", "dynamodb",
                "sentinel.store.dynamodb.table", TABLE,
                "sentinel.store.dynamodb.endpoint", dynamo.endpoint(),
                "sentinel.store.dynamodb.region", "us-east-1");
    }

    @Override
    public void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
