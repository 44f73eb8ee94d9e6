package io.marketsentinel.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Where Lambda's Runtime API is ({@code AWS_LAMBDA_RUNTIME_API}, set by Lambda for a custom runtime):
 * present, the native executable serves invocations; absent, it was started by hand.
 */
@ConfigMapping(prefix = "aws.lambda")
public interface LambdaRuntime {

    /** The Runtime API's host and port. Defaults to none (not on Lambda). */
    Optional<String> runtimeApi();
}
