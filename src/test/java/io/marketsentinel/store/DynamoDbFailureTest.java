package io.marketsentinel.store;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.store.dynamodb.DynamoDbStateStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Failures DynamoDB Local cannot produce (it never throttles and has no IAM), through the client
 * seam: each must be a clear error naming the table and action, with nothing stored.
 */
class DynamoDbFailureTest {

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final DynamoDbStateStore store =
            new DynamoDbStateStore(client, "sentinel", "state", new StateCodec(), Clock.systemUTC());

    @Test
    void throttlingAfterTheSdksRetriesFailsTheRunSayingTheNextRunRetries() {
        when(client.putItem(any(PutItemRequest.class))).thenThrow(ProvisionedThroughputExceededException.builder()
                .message("Rate of requests exceeds the allowed throughput").build());
        assertThatThrownBy(() -> store.save(SentinelState.initial(), 0)).isInstanceOf(StoreException.class)
                .hasMessage("DynamoDB PutItem on table 'sentinel': throttled after the SDK's retries; nothing was stored,"
                        + " the next run tries again");
    }

    @Test
    void aMissingPermissionNamesTheAction() {
        when(client.putItem(any(PutItemRequest.class))).thenThrow(DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build())
                .message("User is not authorized to perform: dynamodb:PutItem").build());
        assertThatThrownBy(() -> store.save(SentinelState.initial(), 0))
                .hasMessageStartingWith("DynamoDB PutItem on table 'sentinel': access denied (the function's role needs dynamodb:PutItem");
    }
}
