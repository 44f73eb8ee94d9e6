package io.marketsentinel.notify.telegram;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;

/** Makes the Telegram channel on the one {@link TelegramApi} REST client; looked up only when a bot token is set. */
@Singleton
public class TelegramNotifiers {

    private final TelegramApi api;

    @Inject
    TelegramNotifiers(@RestClient TelegramApi api) {
        this.api = api;
    }

    public TelegramNotifier notifier(String token, String chatId, Duration timeout, Clock clock) {
        return new TelegramNotifier(api, token, chatId, timeout, clock);
    }
}
