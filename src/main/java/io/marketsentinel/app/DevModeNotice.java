package io.marketsentinel.app;

import io.marketsentinel.config.SentinelConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** In dev mode, says at start where checks go and how to trigger one, so nothing surprises. */
@ApplicationScoped
public class DevModeNotice {

    private static final Logger LOG = Logger.getLogger(DevModeNotice.class);

    void onStart(@Observes StartupEvent event, SentinelConfig config) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return;
        }
        LOG.warnf("dev mode: checks call the CoinGecko API at %s%s; state in %s; trigger a check with "
                        + "curl -X POST localhost:8080/_lambda_ -d @dev/events/function-url-dry-run.json (token dev-token)",
                config.coingecko().baseUrl(),
                config.coingecko().baseUrl().startsWith("https://api.coingecko.com")
                        ? " (the real API: each check spends 2 calls of your quota)" : "",
                config.store().file().path());
    }
}
