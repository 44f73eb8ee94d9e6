package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketsentinel.check.SilenceBook;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.file.FileStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code silence add|list|expire} on a real file store: what the HTTP routes do, from a terminal. */
class SilenceCommandTest {

    @TempDir
    Path dir;

    private SilenceBook book() {
        return new SilenceBook(new FileStateStore(dir.resolve("state.json"), new StateCodec()),
                List.of("market-drawdown", "coin-low"), List.of("bitcoin"), Duration.ofSeconds(10), Clock.systemUTC());
    }

    private CommandRun silence(String... args) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        SilenceBook book = book();
        picocli.CommandLine.IFactory factory = new picocli.CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == SilenceCommand.Add.class) {
                    return type.cast(new SilenceCommand.Add(book));
                }
                if (type == SilenceCommand.ListAll.class) {
                    return type.cast(new SilenceCommand.ListAll(book, json));
                }
                if (type == SilenceCommand.Expire.class) {
                    return type.cast(new SilenceCommand.Expire(book));
                }
                return picocli.CommandLine.defaultFactory().create(type);
            }
        };
        return CommandRun.of(SilenceCommand.class, factory, args);
    }

    @Test
    void addListAndExpireASilence() {
        CommandRun added = silence("add", "--rule", "coin-low", "--subject", "bitcoin", "--for", "12h", "--comment", "known");
        assertThat(added.exit()).as(added.err()).isZero();
        String id = added.out().substring(0, added.out().indexOf(' '));
        assertThat(added.out()).startsWith(id).contains("coin-low").contains("bitcoin").contains("active").contains("known");

        assertThat(silence("list").out()).contains(id).contains("active");
        CommandRun ended = silence("expire", id);
        assertThat(ended.exit()).as(ended.err()).isZero();
        assertThat(ended.out()).contains("ENDED");
        assertThat(silence("list", "--format", "json").out()).contains("\"id\" : \"" + id + "\"");
    }

    @Test
    void aBadSilenceIsABadCommandLineNamingItsFieldAndStoresNothing() {
        CommandRun run = silence("add", "--rule", "coin-low", "--for", "7x");
        CommandRun unknown = silence("expire", "s-nothere");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid silence: for: '7x' is not a duration");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("silence failed: no silence 's-nothere'");
        assertThat(Files.exists(dir.resolve("state.json"))).as("nothing stored").isFalse();
    }
}
