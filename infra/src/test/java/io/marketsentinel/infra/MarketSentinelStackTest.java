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
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The synthesized CloudFormation template, point by point (synthesized offline; CDK runs through node). */
class MarketSentinelStackTest {

    @TempDir
    static Path dir;
    private static Path nativeZip;
    private static Path jvmZip;
    private static Template nativeTemplate;
    private static Template jvmTemplate;

    @BeforeAll
    static void synth() throws IOException {
        nativeZip = zip("native.zip", Map.of("bootstrap", true));
        jvmZip = zip("jvm.zip", Map.of("lib/io.quarkus.quarkus-amazon-lambda-3.34.1.jar", false,
                "io/marketsentinel/lambda/SentinelHandler.class", false));
        nativeTemplate = template(Map.of());
        jvmTemplate = template(Map.of("runtime", "jvm", "alarmEmail", "ops@example.com"));
    }

    /** A zip with these entries, each executable or not (Unix mode 755 / 644), as Quarkus writes them. */
    static Path zip(String name, Map<String, Boolean> entries) throws IOException {
        Path zip = dir.resolve(name);
        URI uri = URI.create("jar:" + zip.toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            for (Map.Entry<String, Boolean> e : entries.entrySet()) {
                Path entry = fs.getPath("/" + e.getKey());
                if (entry.getParent() != null) {
                    Files.createDirectories(entry.getParent());
                }
                Files.writeString(entry, "x");
                Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString(e.getValue() ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return zip;
    }

    static Template template(Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>(context);
        all.putIfAbsent("functionZip", ("jvm".equals(context.get("runtime")) ? jvmZip : nativeZip).toString());
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
                "Handler", "io.marketsentinel.app.LambdaEntry::handleRequest",
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
    void theSecretHasAKeyForEachSecretTheFunctionKnowsTheTokenGenerated() throws Exception {
        String template = nativeTemplate.findResources("AWS::SecretsManager::Secret").values().iterator().next()
                .toString();
        List<String> keys = SecretKeys.read();
        assertThat(keys).as("the function's list").contains("sentinel.trigger.token", "sentinel.coingecko.api-key");
        for (String key : keys) {
            assertThat(template).as(key).contains(key);
        }
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
                "FilterPattern", "{ $.mdc.event = \"delivery_failed\" }",
                "MetricTransformations", List.of(Match.objectLike(Map.of("MetricName", "DeliveryFailures",
                        "MetricNamespace", "MarketSentinel")))));
        nativeTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors",
                "Namespace", "AWS/Lambda", "Threshold", 1));
        nativeTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "DeliveryFailures"));
        nativeTemplate.resourceCountIs("AWS::CloudWatch::Alarm", 5);
        nativeTemplate.resourceCountIs("AWS::SNS::Topic", 0);
        jvmTemplate.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        jvmTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "DeliveryFailures",
                "AlarmActions", List.of(Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("Alarms.*"))))));
    }

    /** Measured before: one failed run tripped the errors alarm, and a stopped schedule alarmed never. */
    @Test
    void theErrorsAlarmWaitsForThreeFailedRunsInARowAndAHeartbeatAlarmsOnSilence() {
        nativeTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors",
                "Namespace", "AWS/Lambda", "Period", 900, "EvaluationPeriods", 3, "DatapointsToAlarm", 3,
                "Threshold", 1, "TreatMissingData", "notBreaching"));
        nativeTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "CheckDurationMs",
                "Namespace", "MarketSentinel", "Statistic", "SampleCount", "Period", 900, "EvaluationPeriods", 2,
                "Threshold", 1, "ComparisonOperator", "LessThanThreshold", "TreatMissingData", "breaching"));
        nativeTemplate.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("SENTINEL_RUN_EVERY", "PT15M")))));
        Template hourly = template(Map.of("schedule", "rate(1 hour)"));
        hourly.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "CheckDurationMs", "Period", 3600));
        hourly.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("SENTINEL_RUN_EVERY", "PT60M")))));
        jvmTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "CheckDurationMs",
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
        assertThatThrownBy(() -> template(Map.of("functionZip", "nope.zip"))).hasMessageContaining("no function zip")
                .hasMessageContaining("./mvnw -Pnative package");
        assertThatThrownBy(() -> template(Map.of("runtime", "python"))).hasMessage("context 'runtime' must be native or jvm, not 'python'");
    }

    @Test
    void aNativeStackRefusesTheJvmZipAndABootstrapThatCannotRun() throws IOException {
        assertThatThrownBy(() -> template(Map.of("functionZip", jvmZip.toString())))
                .hasMessageContaining("function zip " + jvmZip.toAbsolutePath())
                .hasMessageContaining("has no 'bootstrap', so it is not a native build")
                .hasMessageContaining(FunctionZip.NATIVE_BUILD).hasMessageContaining("-c runtime=jvm");
        Path notExecutable = zip("plain-bootstrap.zip", Map.of("bootstrap", false));
        assertThatThrownBy(() -> template(Map.of("functionZip", notExecutable.toString())))
                .hasMessageContaining("'bootstrap' that is not executable");
    }

    @Test
    void aJvmStackRefusesTheNativeZipAndAZipWithoutTheHandler() throws IOException {
        assertThatThrownBy(() -> template(Map.of("runtime", "jvm", "functionZip", nativeZip.toString())))
                .hasMessageContaining("holds a native 'bootstrap', but the stack is JVM")
                .hasMessageContaining(FunctionZip.JVM_BUILD);
        Path other = zip("other.zip", Map.of("handler.py", false));
        assertThatThrownBy(() -> template(Map.of("runtime", "jvm", "functionZip", other.toString())))
                .hasMessageContaining("lacks Quarkus' Lambda handler");
    }

    @Test
    void deploySettingsFromContextReachTheFunctionAsItsConfiguration() {
        Template custom = template(Map.of("coins", "bitcoin,ethereum", "emailTo", "ops@example.com, trader@example.com",
                "emailFrom", "alerts@example.com", "smtpHost", "email-smtp.us-east-1.amazonaws.com", "smtpPort", 2587,
                "drawdownPercent", 12.5, "drawdownWindow", "P3D", "lowMinAge", "P120D", "schedule", "rate(30 minutes)"));
        custom.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of(
                "SENTINEL_COINS", "bitcoin,ethereum",
                "SENTINEL_NOTIFY_EMAIL_TO", "ops@example.com,trader@example.com",
                "SENTINEL_NOTIFY_EMAIL_FROM", "alerts@example.com",
                "SENTINEL_NOTIFY_EMAIL_SMTP_HOST", "email-smtp.us-east-1.amazonaws.com",
                "SENTINEL_NOTIFY_EMAIL_SMTP_PORT", "2587",
                "SENTINEL_RULES_DRAWDOWN_PERCENT", "12.5",
                "SENTINEL_RULES_DRAWDOWN_WINDOW", "P3D",
                "SENTINEL_RULES_LOW_MIN_AGE", "P120D")))));
        custom.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpression", "rate(30 minutes)"));
        nativeTemplate.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("SENTINEL_COINS", "bitcoin", "SENTINEL_RULES_DRAWDOWN_PERCENT", "15")))));
    }

    @Test
    void theRulesPeopleAskForAreDeploySettingsToo() {
        template(Map.of("coins", "bitcoin,ethereum", "drawdowns", "fast:P1D:10", "coinDrawdownPercent", 20,
                "coinDrawdownWindow", "P3D", "levels", "bitcoin<60000,ethereum>5000"))
                .hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "SENTINEL_RULES_DRAWDOWNS_FAST_WINDOW", "P1D",
                        "SENTINEL_RULES_DRAWDOWNS_FAST_PERCENT", "10",
                        "SENTINEL_RULES_COIN_DRAWDOWN_PERCENT", "20",
                        "SENTINEL_RULES_COIN_DRAWDOWN_WINDOW", "P3D",
                        "SENTINEL_RULES_LEVELS", "bitcoin<60000,ethereum>5000")))));
        assertThatThrownBy(() -> template(Map.of("drawdowns", "fast:1d:10")))
                .hasMessageContaining("context 'drawdowns' must be a positive ISO-8601 duration");
        assertThatThrownBy(() -> template(Map.of("drawdowns", "fast-one:P1D:10")))
                .hasMessageContaining("context 'drawdowns' must be name:window:percent entries");
        assertThatThrownBy(() -> template(Map.of("levels", "ethereum<1000")))
                .hasMessage("context 'levels' must be watched coins with a level, e.g. bitcoin<60000,bitcoin>120000; "
                        + "not 'ethereum<1000'");
        assertThatThrownBy(() -> template(Map.of("coinDrawdownPercent", 0)))
                .hasMessageContaining("context 'coinDrawdownPercent' must be between 0 and 100");
        assertThat(nativeTemplate.findResources("AWS::CloudWatch::Dashboard").toString())
                .as("a graph of every rule, whatever is configured").contains("Breached").contains("{MarketSentinel,Rule}")
                .as("and of failed deliveries by channel").contains("{MarketSentinel,Channel}");
    }

    @Test
    void chartsAreOffOnLambdaUnlessAFontsLayerIsGivenForTheJvmFunction() {
        for (Template template : List.of(nativeTemplate, jvmTemplate)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                    Match.objectLike(Map.of("SENTINEL_NOTIFY_CHARTS", "false")))));
        }
        String layer = "arn:aws:lambda:eu-west-1:123456789012:layer:fonts:3";
        Template withFonts = template(Map.of("runtime", "jvm", "chartFontsLayer", layer));
        withFonts.hasResourceProperties("AWS::Lambda::Function", Map.of("Layers", List.of(layer),
                "Environment", Map.of("Variables", Match.objectLike(Map.of("SENTINEL_NOTIFY_CHARTS", "true",
                        "FONTCONFIG_PATH", "/opt/etc/fonts")))));
        assertThatThrownBy(() -> template(Map.of("chartFontsLayer", layer)))
                .hasMessageContaining("context 'chartFontsLayer' is for runtime=jvm");
        assertThatThrownBy(() -> template(Map.of("runtime", "jvm", "chartFontsLayer", "fonts")))
                .hasMessageContaining("context 'chartFontsLayer' must be a layer version ARN");
    }

    @Test
    void badDeploySettingsAreRefusedNamingTheKeyAndValue() {
        assertThatThrownBy(() -> template(Map.of("coins", "BTC ETH")))
                .hasMessage("context 'coins' must be CoinGecko ids separated by commas (e.g. bitcoin,ethereum), not 'BTC ETH'");
        assertThatThrownBy(() -> template(Map.of("emailTo", "ops@example.com")))
                .hasMessageContaining("context 'emailTo' needs 'emailFrom'");
        assertThatThrownBy(() -> template(Map.of("emailTo", "not-an-address", "emailFrom", "a@b.co", "smtpHost", "smtp.b.co")))
                .hasMessageContaining("context 'emailTo' must be e-mail addresses");
        assertThatThrownBy(() -> template(Map.of("emailTo", "a@b.co", "emailFrom", "a@b.co", "smtpHost", "smtp.b.co",
                "smtpPort", 70000))).hasMessageContaining("context 'smtpPort' must be a port number");
        assertThatThrownBy(() -> template(Map.of("drawdownPercent", 150))).hasMessageContaining("context 'drawdownPercent'");
        assertThatThrownBy(() -> template(Map.of("drawdownWindow", "7d")))
                .hasMessageContaining("context 'drawdownWindow' must be a positive ISO-8601 duration such as P7D");
        assertThatThrownBy(() -> template(Map.of("schedule", "every 15 minutes")))
                .hasMessageContaining("context 'schedule' must be rate(...) or cron(...)");
    }

    @Test
    void aDashboardDrawsTheMarketAndTheAlertsWithTheThresholdAcrossTheDrawdown() {
        nativeTemplate.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        String body = nativeTemplate.findResources("AWS::CloudWatch::Dashboard").toString();
        for (String metric : List.of("TotalMarketCapUsd", "DrawdownPercent", "CoinPriceUsd", "LowestSinceDays",
                "NotificationsSent", "DeliveriesFailed", "SuspectReadings", "CheckDurationMs")) {
            assertThat(body).as(metric).contains("\"" + metric + "\"");
        }
        assertThat(body).contains("MarketSentinel").contains("alert at 15.0 %").contains("\"value\":15");
        assertThat(template(Map.of("coins", "bitcoin,ethereum", "drawdownPercent", 12)).findResources("AWS::CloudWatch::Dashboard")
                .toString()).contains("ethereum").contains("\"value\":12");
        nativeTemplate.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of("SENTINEL_METRICS_EMF", "true")))));
        nativeTemplate.hasOutput("DashboardUrl", Match.anyValue());
    }

    @Test
    void theFunctionKnowsItsOwnTimeoutSoThatItsStartUpCheckCanRefuseAChannelTimeoutNoRunCovers() {
        template(Map.of("timeout", 45)).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Timeout", 45, "Environment", Map.of("Variables", Match.objectLike(Map.of("SENTINEL_RUN_TIMEOUT", "PT45S")))));
    }
}
