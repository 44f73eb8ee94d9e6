package io.marketsentinel.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The CDK app: one stack, {@code MarketSentinel}. */
public final class InfraApp {

    private InfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new MarketSentinelStack(app, "MarketSentinel", StackProps.builder()
                .description("market-sentinel: crypto market drawdown and coin-low alerts").build(),
                StackSettings.fromContext(app.getNode()));
        app.synth();
    }
}
