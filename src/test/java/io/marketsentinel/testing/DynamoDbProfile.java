package io.marketsentinel.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The function with its state in DynamoDB (Local), as deployed. */
public class DynamoDbProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeServers.class), new TestResourceEntry(DynamoDbResource.class));
    }
}
