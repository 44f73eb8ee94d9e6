package io.marketsentinel.store.dynamodb;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.StoreException;
import io.marketsentinel.store.Stored;
import io.marketsentinel.store.VersionConflictException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The state as one DynamoDB item: partition key {@code pk} (the configured key, {@code state} by
 * default), the state document in {@code state}, and the optimistic-locking counter in
 * {@code version}. A save is a conditional PutItem on the version read at load, so of two
 * overlapping runs exactly one stores. The table is created by the infrastructure; the function
 * needs only GetItem and PutItem on it.
 */
public final class DynamoDbStateStore implements StateStore {

    /**
     * What a DynamoDB item can hold of the state: its 400 KB item limit less room for the key and the
     * attribute names. The codec keeps the state within {@link StateCodec#BUDGET_BYTES}, under this.
     */
    public static final int MAX_DOCUMENT_BYTES = 400 * 1024 - 50 * 1024;

    static final String PK = "pk";
    static final String STATE = "state";
    static final String VERSION = "version";
    static final String UPDATED_AT = "updatedAt";

    private final DynamoDbClient client;
    private final String table;
    private final String key;
    private final StateCodec codec;
    private final Clock clock;

    public DynamoDbStateStore(DynamoDbClient client, String table, String key, StateCodec codec, Clock clock) {
        this.client = client;
        this.table = table;
        this.key = key;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public Stored load() {
        return load(null);
    }

    /** The GetItem, its retries included, bounded by the deadline: a throttled table is said before Lambda's timeout. */
    @Override
    public Stored load(Instant deadline) {
        GetItemResponse response;
        try {
            response = client.getItem(b -> b.tableName(table).key(Map.of(PK, s(key))).consistentRead(true)
                    .overrideConfiguration(within(deadline)));
        } catch (RuntimeException e) {
            throw translate("GetItem", e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return new Stored(SentinelState.initial(), 0);
        }
        Map<String, AttributeValue> item = response.item();
        AttributeValue document = item.get(STATE);
        AttributeValue version = item.get(VERSION);
        if (document == null || document.s() == null || version == null || version.n() == null) {
            throw new StoreException("DynamoDB item " + describe() + " lacks its '" + STATE + "' or '" + VERSION
                    + "' attribute; it was left untouched");
        }
        byte[] bytes = document.s().getBytes(StandardCharsets.UTF_8);
        try {
            return new Stored(codec.decode(bytes).withVersion(Long.parseLong(version.n())), bytes.length);
        } catch (RuntimeException e) {
            throw new StoreException("DynamoDB item " + describe() + " is corrupt (" + e.getMessage()
                    + "); it was left untouched", e);
        }
    }

    @Override
    public Stored save(SentinelState state, long expectedVersion) {
        return save(state, expectedVersion, null);
    }

    @Override
    public Stored save(SentinelState state, long expectedVersion, Instant deadline) {
        StateCodec.Encoded encoded = codec.encodeWithinBudget(state.withVersion(expectedVersion + 1));
        SentinelState next = encoded.state();
        byte[] bytes = encoded.bytes();
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new StoreException("state document is " + bytes.length + " bytes, over the " + MAX_DOCUMENT_BYTES
                    + " byte guard for a DynamoDB item; nothing was stored");
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(key));
        item.put(STATE, s(new String(bytes, StandardCharsets.UTF_8)));
        item.put(VERSION, n(expectedVersion + 1));
        item.put(UPDATED_AT, s(clock.instant().toString()));
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item)
                .overrideConfiguration(within(deadline));
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK));
        } else {
            put.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
        }
        try {
            client.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(expectedVersion, "a newer version in " + describe());
        } catch (RuntimeException e) {
            throw translate("PutItem", e);
        }
        return new Stored(next, bytes.length);
    }

    /**
     * A real GetItem of the state item, then a PutItem of the same document under a condition no
     * item meets (a version of -1): the codec's writing of the real state and the SDK's write path
     * (marshalling, signing, the conditional-failure answer) are loaded and warm; nothing is written.
     */
    @Override
    public Stored prime() {
        Stored stored = load();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(key));
        item.put(STATE, s(new String(codec.encode(stored.state()), StandardCharsets.UTF_8)));
        item.put(VERSION, n(-1));
        item.put(UPDATED_AT, s(clock.instant().toString()));
        try {
            client.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("#v = :never")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":never", n(-1))).build());
            throw new IllegalStateException("the priming PutItem's condition held; it must never hold");
        } catch (ConditionalCheckFailedException expected) {
            return stored;
        }
    }

    @Override
    public String describe() {
        return "DynamoDB table " + table + " item pk=" + key;
    }

    /** The whole call, the SDK's retries included, ends by {@code deadline} (no deadline: the SDK's own limits). */
    private AwsRequestOverrideConfiguration within(Instant deadline) {
        AwsRequestOverrideConfiguration.Builder config = AwsRequestOverrideConfiguration.builder();
        if (deadline != null) {
            config.apiCallTimeout(Duration.ofMillis(Math.max(1, Duration.between(clock.instant(), deadline).toMillis())));
        }
        return config.build();
    }

    private StoreException translate(String action, RuntimeException e) {
        String where = "DynamoDB " + action + " on table '" + table + "'";
        if (e instanceof ApiCallTimeoutException) {
            return new StoreException(where + ": no answer before the run's deadline (the table is throttled or "
                    + "unreachable); nothing was stored, the next run tries again", e);
        }
        if (e instanceof ResourceNotFoundException) {
            return new StoreException(where + ": table not found (it is created by the infrastructure in infra/;"
                    + " check sentinel.store.dynamodb.table and the region)", e);
        }
        if (e instanceof ProvisionedThroughputExceededException
                || (e instanceof DynamoDbException d && d.awsErrorDetails() != null
                && "ThrottlingException".equals(d.awsErrorDetails().errorCode()))) {
            return new StoreException(where + ": throttled after the SDK's retries; nothing was stored,"
                    + " the next run tries again", e);
        }
        if (e instanceof DynamoDbException d && d.awsErrorDetails() != null
                && "AccessDeniedException".equals(d.awsErrorDetails().errorCode())) {
            return new StoreException(where + ": access denied (the function's role needs dynamodb:" + action
                    + " on this table)", e);
        }
        if (e instanceof SdkClientException) {
            return new StoreException(where + ": DynamoDB unreachable (" + e.getMessage() + ")", e);
        }
        return new StoreException(where + " failed: " + e.getMessage(), e);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
