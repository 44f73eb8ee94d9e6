package io.marketsentinel.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The synthesized CloudFormation template, point by point (synthesized offline; CDK runs through node). */
class MarketSentinelStackTest {

    @TempDir
    static Path dir;
    private static Path zip;
    private static Template nativeTemplate;
    private static Template jvmTemplate;

    @BeforeAll
    static void synth() throws IOException {
        zip = dir.resolve("function.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("bootstrap"));
            out.write("#!/bin/sh\n".getBytes());
            out.closeEntry();
        }
        nativeTemplate = template(Map.of());
        jvmTemplate = template(Map.of("runtime", "jvm", "alarmEmail", "ops@example.com"));
    }

    static Template template(Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>(context);
        all.putIfAbsent("functionZip", zip.toString());
        App app = new App(AppProps.builder().context(all).outdir(dir.resolve("out-" + context.hashCode()).toString()).build());
        MarketSentinelStack stack = new MarketSentinelStack(app, "MarketSentinel", StackProps.builder().build(),
                StackSettings.fromContext(app.getNode()));
        return Template.fromStack(stack);
    }

    @Test
    void theFunctionIsNativeByDefaultWithExplicitSizesAndOneAtATime() {
        nativeTemplate.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "provided.al2023",
                "MemorySize", 256,
                "Timeout", 60,
                "Architectures", List.of("x86_64"),
                "ReservedConcurrentExecutions", 1,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DISABLE_SIGNAL_HANDLERS", "true",
                        "SENTINEL_STORE_TYPE", "dynamodb")))));
        nativeTemplate.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void theJvmOptionUsesJava21WithSnapStart() {
        jvmTemplate.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Handler", "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
                "MemorySize", 512,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        jvmTemplate.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
    }

    @Test
    void theScheduleRunsEveryFifteenMinutesWithRetriesAndADeadLetterQueue() {
        nativeTemplate.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "rate(15 minutes)",
                "FlexibleTimeWindow", Map.of("Mode", "OFF"),
                "Target", Match.objectLike(Map.of(
                        "Input", "{\"action\":\"check\"}",
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 600),
                        "DeadLetterConfig", Match.objectLike(Map.of("Arn", Match.anyValue()))))));
        nativeTemplate.resourceCountIs("AWS::SQS::Queue", 1);
        Template custom = template(Map.of("schedule", "rate(5 minutes)"));
        custom.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpression", "rate(5 minutes)"));
    }

    @Test
    void theTableIsOnDemandWithRecoveryAndSurvivesTheStack() {
        nativeTemplate.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Map.of(
                        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                        "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S")),
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))));
    }

    @Test
    void theFunctionMayOnlyGetAndPutTheStateItem() {
        Map<String, Map<String, Object>> policies = nativeTemplate.findResources("AWS::IAM::Policy");
        String all = policies.toString();
        assertThat(all).contains("dynamodb:GetItem").contains("dynamodb:PutItem")
                .doesNotContain("dynamodb:Scan").doesNotContain("dynamodb:DeleteItem")
                .doesNotContain("dynamodb:UpdateItem").doesNotContain("dynamodb:Query").doesNotContain("dynamodb:*");
        Object onTheTable = Match.arrayWith(List.of(Match.objectLike(Map.of("Fn::GetAtt",
                Match.arrayWith(List.of(Match.stringLikeRegexp("State.*")))))));
        Object statement = Match.objectLike(Map.of(
                "Action", List.of("dynamodb:GetItem", "dynamodb:PutItem"),
                "Effect", "Allow",
                "Resource", onTheTable));
        nativeTemplate.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument",
                Map.of("Statement", Match.arrayWith(List.of(statement)))));
    }

    @Test
    void theManualTriggerHasAFunctionUrl() {
        nativeTemplate.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", "NONE",
                "TargetFunctionArn", Match.anyValue()));
    }

    @Test
    void secretsAreInOneGeneratedSecretNeverInThePlainTemplate() {
        nativeTemplate.hasResourceProperties("AWS::SecretsManager::Secret", Map.of("GenerateSecretString", Map.of(
                "GenerateStringKey", "sentinel.trigger.token",
                "SecretStringTemplate", Match.stringLikeRegexp(".*sentinel.notify.slack.webhook-url.*sentinel.notify.email.smtp.password.*"),
                "ExcludePunctuation", true,
                "PasswordLength", 40)));
        nativeTemplate.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("SENTINEL_SECRETS_ARN", Match.anyValue())))));
        String json = nativeTemplate.toJSON().toString();
        assertThat(json).doesNotContain("hooks.slack.com").doesNotContain("SECRET_ACCESS_KEY")
                .doesNotContain("SENTINEL_TRIGGER_TOKEN").doesNotContain("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL")
                .doesNotContain("SENTINEL_NOTIFY_EMAIL_SMTP_PASSWORD");
        nativeTemplate.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Action",
                        List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))))))));
    }

    @Test
    void alarmsWatchErrorsAndFailedDeliveriesAndReachAnOptionalTopic() {
        nativeTemplate.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "FilterPattern", "\"event=delivery_failed\"",
                "MetricTransformations", List.of(Match.objectLike(Map.of("MetricName", "DeliveryFailures",
                        "MetricNamespace", "MarketSentinel")))));
        nativeTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors",
                "Namespace", "AWS/Lambda", "Threshold", 1));
        nativeTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "DeliveryFailures"));
        nativeTemplate.resourceCountIs("AWS::CloudWatch::Alarm", 4);
        nativeTemplate.resourceCountIs("AWS::SNS::Topic", 0);
        jvmTemplate.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        jvmTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "DeliveryFailures",
                "AlarmActions", List.of(Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("Alarms.*"))))));
    }

    @Test
    void outputsTheUrlTheTableAndTheSecret() {
        nativeTemplate.hasOutput("FunctionUrl", Match.anyValue());
        nativeTemplate.hasOutput("TableName", Match.anyValue());
        nativeTemplate.hasOutput("SecretArn", Match.anyValue());
    }

    @Test
    void aMissingZipOrABadContextValueIsAClearError() {
        assertThatThrownBy(() -> template(Map.of("functionZip", "nope.zip"))).hasMessageContaining("no function zip");
        assertThatThrownBy(() -> template(Map.of("runtime", "python"))).hasMessage("context 'runtime' must be native or jvm, not 'python'");
    }
}
