package io.marketsentinel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.CheckFailedException;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.check.StatusReport;
import io.marketsentinel.rules.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code status}: the stored state's alerts, what each channel still owes and the dead letters, as
 * {@code GET /status} answers them; no CoinGecko call, nothing changed.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the stored state: every alert (firing or waiting for confirmation), the deliveries each "
                + "channel still owes, the dead letters and the last check. Reads the store only.")
public class StatusCommand implements Callable<Integer> {

    private final MarketCheck check;
    private final ObjectMapper mapper;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Lines for people (text), or the JSON of GET /status (json). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    public StatusCommand(MarketCheck check, ObjectMapper mapper) {
        this.check = check;
        this.mapper = mapper;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        StatusReport status;
        try {
            status = check.status();
        } catch (CheckFailedException e) {
            throw new CommandFailure("status failed: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            out.print(text(status));
        }
        out.flush();
        return 0;
    }

    static String text(StatusReport status) {
        StringBuilder out = new StringBuilder();
        if (status.version() == 0) {
            return "nothing stored yet in " + status.store() + " (no check has run)\n";
        }
        out.append(String.format(Locale.ROOT, "state: %s, version %d, %,d bytes; last check %s%s%n", status.store(),
                status.version(), status.stateSizeBytes(), status.lastRunAt() == null ? "never" : Format.time(status.lastRunAt()),
                status.lastRunLate() ? " (LATE: none since, and the schedule runs every " + Format.span(java.time.Duration.parse(status.expectedEvery()))
                        + "; is the schedule or the function failing?)" : ""));
        if (status.alerts().isEmpty()) {
            out.append("alerts: none\n");
        } else {
            out.append("alerts:\n");
            for (StatusReport.Alert a : status.alerts()) {
                out.append(String.format(Locale.ROOT, "  %-22s %-7s since %s", a.key(), a.state(), Format.time(a.since())));
                if (a.headline() != null) {
                    out.append("  ").append(a.headline());
                }
                if (a.lastNotifiedAt() != null) {
                    out.append(" (notified ").append(Format.time(a.lastNotifiedAt())).append(')');
                }
                out.append('\n');
            }
        }
        out.append("to deliver: ").append(status.pendingPerChannel().isEmpty() ? "nothing"
                : String.join(", ", status.pendingPerChannel().entrySet().stream()
                        .map(channel -> channel.getKey() + " " + channel.getValue()
                                + (status.channels().contains(channel.getKey()) ? ""
                                : " (no longer configured: dead-lettered after the usual limit)")).toList())).append('\n');
        out.append("dead letters: ").append(status.deadLetters()).append('\n');
        if (!status.outcomeUnknown().isEmpty()) {
            out.append("outcome unknown (sent again next run, with the same id): ")
                    .append(String.join(", ", status.outcomeUnknown())).append('\n');
        }
        return out.toString();
    }
}
