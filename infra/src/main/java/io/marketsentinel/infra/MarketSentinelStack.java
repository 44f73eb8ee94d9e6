package io.marketsentinel.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything market-sentinel needs in an AWS account: the function (native by default), its
 * schedule with retries and a dead-letter queue, the DynamoDB table, the Function URL for the
 * manual trigger, one secret for every secret, alarms, and outputs.
 */
public final class MarketSentinelStack extends Stack {

    /** The trigger token: a secret key whose value the stack generates. */
    static final String TOKEN_KEY = "sentinel.trigger.token";
    /** The MDC "event" values the function logs (JSON on Lambda) for its alarms; nothing a request sends can set them. */
    static final String DELIVERY_FAILED = "delivery_failed";
    static final String DEAD_LETTER = "notification_dead_letter";

    public MarketSentinelStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);
        FunctionZip.requireFits(settings.functionZip(), settings.jvm());

        Table table = Table.Builder.create(this, "State")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        StringBuilder template = new StringBuilder("{");
        SecretKeys.read().stream().filter(k -> !k.equals(TOKEN_KEY))
                .forEach(k -> template.append('"').append(k).append("\":\"\","));
        template.setLength(template.length() - 1);
        template.append('}');
        Secret secret = Secret.Builder.create(this, "Secrets")
                .description("market-sentinel secrets: JSON of configuration keys (Slack webhook, CoinGecko key, SMTP"
                        + " credentials); the trigger token is generated")
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate(template.toString())
                        .generateStringKey(TOKEN_KEY)
                        .excludePunctuation(true)
                        .passwordLength(40)
                        .build())
                .build();

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(retention(settings.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SENTINEL_STORE_TYPE", "dynamodb");
        environment.put("SENTINEL_STORE_DYNAMODB_TABLE", table.getTableName());
        environment.put("SENTINEL_SECRETS_ARN", secret.getSecretArn());
        // One CloudWatch embedded-metric-format line per check feeds the dashboard (no SDK call).
        environment.put("SENTINEL_METRICS_EMF", "true");
        // JSON log records: the alarms match their "mdc.event" field, which only the function writes.
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        // The function's timeout, so that its start-up check refuses a channel timeout no run could cover.
        environment.put("SENTINEL_RUN_TIMEOUT", "PT" + settings.timeoutSeconds() + "S");
        environment.putAll(settings.environment());
        Function.Builder function = Function.Builder.create(this, "Function")
                .description("market-sentinel check (" + (settings.jvm() ? "JVM" : "native") + ")")
                .code(Code.fromAsset(settings.functionZip().toString()))
                .memorySize(settings.memoryMb())
                .timeout(Duration.seconds(settings.timeoutSeconds()))
                .architecture(settings.arm64() ? Architecture.ARM_64 : Architecture.X86_64)
                .reservedConcurrentExecutions(settings.reservedConcurrency())
                .logGroup(logs);
        if (settings.jvm()) {
            function.runtime(Runtime.JAVA_21)
                    // Quarkus' stream handler, its failed start said as sentences (see the README's Build).
                    .handler("io.marketsentinel.app.LambdaEntry::handleRequest")
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
            settings.chartFontsLayer().ifPresent(arn -> function.layers(
                    List.of(LayerVersion.fromLayerVersionArn(this, "ChartFonts", arn))));
        } else {
            // Quarkus' native function is its own runtime; the handler name is not used.
            environment.put("DISABLE_SIGNAL_HANDLERS", "true");
            function.runtime(Runtime.PROVIDED_AL2023).handler("not.used.in.provided.runtime");
        }
        Function fn = function.environment(environment).build();
        // Only what the store does: one item read, one conditional write.
        table.grant(fn, "dynamodb:GetItem", "dynamodb:PutItem");
        secret.grantRead(fn);
        // The schedule and the URL call a published version (SnapStart works on versions only).
        Alias live = Alias.Builder.create(this, "Live").aliasName("live").version(fn.getCurrentVersion()).build();

        Queue deadLetters = Queue.Builder.create(this, "ScheduleDeadLetters")
                .retentionPeriod(Duration.days(14))
                .enforceSsl(true)
                .build();
        Role schedulerRole = Role.Builder.create(this, "SchedulerRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
                .build();
        live.grantInvoke(schedulerRole);
        deadLetters.grantSendMessages(schedulerRole);
        CfnSchedule.Builder.create(this, "Schedule")
                .description("Runs a market-sentinel check")
                .scheduleExpression(settings.schedule())
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(live.getFunctionArn())
                        .roleArn(schedulerRole.getRoleArn())
                        .input("{\"action\":\"check\"}")
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(2)
                                .maximumEventAgeInSeconds(600)
                                .build())
                        .deadLetterConfig(CfnSchedule.DeadLetterConfigProperty.builder()
                                .arn(deadLetters.getQueueArn())
                                .build())
                        .build())
                .build();

        FunctionUrl url = live.addFunctionUrl(FunctionUrlOptions.builder()
                // The function checks the bearer token itself (sentinel.trigger.token, in the secret).
                .authType(FunctionUrlAuthType.NONE)
                .build());

        Topic alarmTopic = settings.alarmEmail().map(email -> {
            Topic topic = Topic.Builder.create(this, "Alarms").displayName("market-sentinel alarms").build();
            topic.addSubscription(new EmailSubscription(email));
            return topic;
        }).orElse(null);
        Duration interval = Duration.minutes(settings.checkIntervalMinutes());
        // Three scheduled runs failing in a row, not one CoinGecko blip: a period per run, all three breaching.
        IMetric errors = fn.metricErrors(MetricOptions.builder().period(interval).statistic("Sum").build());
        Alarm failing = Alarm.Builder.create(this, "FunctionErrorsAlarm")
                .metric(errors)
                .alarmDescription("market-sentinel failed three runs in a row (CoinGecko, the store, or bad events; see the log)")
                .threshold(1)
                .evaluationPeriods(3)
                .datapointsToAlarm(3)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        // A dead man's switch: no completed check (the EMF line each one writes) for two schedule intervals,
        // missing data included: a stopped schedule, a function that never gets to the end, a lost deployment.
        IMetric checks = Metric.Builder.create().namespace(METRICS_NAMESPACE).metricName("CheckDurationMs")
                .statistic("SampleCount").period(interval).build();
        Alarm heartbeat = Alarm.Builder.create(this, "HeartbeatAlarm")
                .metric(checks)
                .alarmDescription("market-sentinel has completed no check for two schedule intervals: it has stopped watching")
                .threshold(1)
                .evaluationPeriods(2)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.BREACHING)
                .build();
        if (alarmTopic != null) {
            failing.addAlarmAction(new SnsAction(alarmTopic));
            heartbeat.addAlarmAction(new SnsAction(alarmTopic));
        }
        alarm("DeliveryFailures", logMetric(logs, "DeliveryFailures", DELIVERY_FAILED),
                "market-sentinel could not deliver a notification (it is retried; see the log)", alarmTopic);
        alarm("DeadLetters", logMetric(logs, "DeadLetters", DEAD_LETTER),
                "market-sentinel gave up on a notification (dead letter; see the log)", alarmTopic);
        alarm("ScheduleDeadLetters", deadLetters.metricApproximateNumberOfMessagesVisible(),
                "scheduled invocations of market-sentinel could not be delivered", alarmTopic);

        Dashboard dashboard = dashboard(settings);
        CfnOutput.Builder.create(this, "DashboardUrl")
                .value("https://console.aws.amazon.com/cloudwatch/home?region=" + getRegion() + "#dashboards:name="
                        + dashboard.getDashboardName())
                .description("The market and the alerts over time").build();
        CfnOutput.Builder.create(this, "FunctionUrl").value(url.getUrl())
                .description("The manual trigger: POST /check, GET /status with Authorization: Bearer <token>").build();
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
        CfnOutput.Builder.create(this, "SecretArn").value(secret.getSecretArn())
                .description("Set the Slack webhook, CoinGecko key and SMTP credentials here; the trigger token is generated").build();
    }

    /** The namespace of the function's embedded-metric-format lines ({@code io.marketsentinel.check.CheckMetrics}). */
    static final String METRICS_NAMESPACE = "MarketSentinel";

    /**
     * The market and the alerts over time: total market cap, the drawdown from the window high with
     * the alert threshold drawn across it, each coin's price and how far back its low reaches,
     * notifications and failed deliveries, suspect readings, and the check's duration.
     */
    private Dashboard dashboard(StackSettings settings) {
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("market-sentinel-" + getStackName())
                .defaultInterval(Duration.days(14))
                .build();
        dashboard.addWidgets(
                graph("Total crypto market cap (USD)", List.of(metric("TotalMarketCapUsd", "Average", Map.of())), List.of()),
                graph("Drawdown from the window high (%)", List.of(metric("DrawdownPercent", "Maximum", Map.of())),
                        List.of(HorizontalAnnotation.builder().value(settings.drawdownPercent())
                                .label("alert at " + settings.drawdownPercent() + " %").color("#d62728").build())));
        List<IMetric> prices = new ArrayList<>();
        List<IMetric> lows = new ArrayList<>();
        for (String coin : settings.coins()) {
            prices.add(metric("CoinPriceUsd", "Average", Map.of("Coin", coin)));
            lows.add(metric("LowestSinceDays", "Maximum", Map.of("Coin", coin)));
        }
        dashboard.addWidgets(
                graph("Coin prices (USD)", prices, List.of()),
                graph("Lowest since, days back", lows, List.of(HorizontalAnnotation.builder().value(90)
                        .label("multi-month low (90 days)").color("#d62728").build())));
        // Every rule and subject as configured (named windows, coin drawdowns, levels): 1 while its condition holds.
        dashboard.addWidgets(graph("Rules: condition holding (1) by rule",
                List.of(MathExpression.Builder.create()
                        .expression("SEARCH('{" + METRICS_NAMESPACE + ",Rule} MetricName=\"Breached\"', 'Maximum', 900)")
                        .label("").period(Duration.minutes(15)).build()), List.of()));
        dashboard.addWidgets(graph("Deliveries failed by channel",
                List.of(MathExpression.Builder.create()
                        .expression("SEARCH('{" + METRICS_NAMESPACE + ",Channel} MetricName=\"DeliveriesFailed\"', 'Sum', 900)")
                        .label("").period(Duration.minutes(15)).build()), List.of()));
        dashboard.addWidgets(
                graph("Notifications sent and deliveries failed",
                        List.of(metric("NotificationsSent", "Sum", Map.of()), metric("DeliveriesFailed", "Sum", Map.of())),
                        List.of()),
                graph("Suspect readings and check duration",
                        List.of(metric("SuspectReadings", "Sum", Map.of()), metric("CheckDurationMs", "Maximum", Map.of())),
                        List.of()));
        return dashboard;
    }

    private static GraphWidget graph(String title, List<IMetric> metrics, List<HorizontalAnnotation> annotations) {
        return GraphWidget.Builder.create().title(title).left(metrics).leftAnnotations(annotations)
                .width(12).height(6).build();
    }

    private static IMetric metric(String name, String statistic, Map<String, String> dimensions) {
        return Metric.Builder.create().namespace(METRICS_NAMESPACE).metricName(name).dimensionsMap(dimensions)
                .statistic(statistic).period(Duration.minutes(15)).build();
    }

    private IMetric logMetric(LogGroup logs, String name, String event) {
        MetricFilter filter = MetricFilter.Builder.create(this, name + "Filter")
                .logGroup(logs)
                .filterPattern(FilterPattern.stringValue("$.mdc.event", "=", event))
                .metricNamespace("MarketSentinel")
                .metricName(name)
                .metricValue("1")
                .defaultValue(0)
                .build();
        return filter.metric(MetricOptions.builder().period(Duration.minutes(15)).statistic("Sum").build());
    }

    private void alarm(String id, IMetric metric, String description, Topic topic) {
        Alarm alarm = Alarm.Builder.create(this, id + "Alarm")
                .metric(metric)
                .alarmDescription(description)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        if (topic != null) {
            alarm.addAlarmAction(new SnsAction(topic));
        }
    }

    private static RetentionDays retention(int days) {
        return switch (days) {
            case 1 -> RetentionDays.ONE_DAY;
            case 3 -> RetentionDays.THREE_DAYS;
            case 5 -> RetentionDays.FIVE_DAYS;
            case 7 -> RetentionDays.ONE_WEEK;
            case 14 -> RetentionDays.TWO_WEEKS;
            case 30 -> RetentionDays.ONE_MONTH;
            case 60 -> RetentionDays.TWO_MONTHS;
            case 90 -> RetentionDays.THREE_MONTHS;
            case 180 -> RetentionDays.SIX_MONTHS;
            case 365 -> RetentionDays.ONE_YEAR;
            default -> throw new IllegalArgumentException("context 'logRetentionDays' must be one of 1, 3, 5, 7, 14, 30,"
                    + " 60, 90, 180, 365; not " + days);
        };
    }
}
