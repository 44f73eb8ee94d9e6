package io.marketsentinel.app;

import io.marketsentinel.config.LambdaRuntime;
import io.marketsentinel.config.SentinelConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Primes at start-up where invocations will be served: on Lambda (its Runtime API), or polling Quarkus'
 * mock event server (tests, dev mode). A command run from a terminal, or the jar started by hand, is not
 * kept waiting for it, and the {@link Primer} (which needs every client and the store) is not even built.
 */
@ApplicationScoped
public class PrimeOnStart {

    private static final Logger LOG = Logger.getLogger(PrimeOnStart.class);

    void onStart(@Observes StartupEvent event, SentinelConfig config, LambdaRuntime lambda, Instance<Primer> primer,
                 @ConfigProperty(name = "quarkus-internal.aws-lambda.test-api") Optional<String> mockEventServer) {
        boolean servesInvocations = lambda.runtimeApi().isPresent() || mockEventServer.isPresent()
                || LaunchMode.current() != LaunchMode.NORMAL;
        if (!config.prime() || !servesInvocations) {
            return;
        }
        try {
            primer.get().prime();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Priming never stops the function from starting (e.g. a feature a native image lacks).
            LOG.warnf("event=prime_skipped step=all reason=%s", e.getClass().getSimpleName());
        }
    }
}
