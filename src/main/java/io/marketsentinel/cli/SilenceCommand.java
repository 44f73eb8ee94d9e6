package io.marketsentinel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Silence;
import io.marketsentinel.check.BadSilenceException;
import io.marketsentinel.check.CheckFailedException;
import io.marketsentinel.check.SilenceBook;
import io.marketsentinel.check.SilenceConflictException;
import io.marketsentinel.check.SilenceRequest;
import io.marketsentinel.rules.Format;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code silence add|list|expire}: the silences of {@code POST/GET/DELETE /silences}, from a terminal. */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Mute a rule (or one coin of it) for a while, list the silences, or end one early. What a silence "
                + "mutes is not sent to any channel; when it ends, what still holds is told once.",
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListAll.class, SilenceCommand.Expire.class})
public class SilenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Which? silence add, silence list or silence expire.");
    }

    static String line(Silence s, Instant now) {
        return String.format(Locale.ROOT, "%-11s %-16s %-10s %s until %s%s", s.id(), s.rule(),
                s.subject() == null ? "(all)" : s.subject(), s.activeAt(now) ? "active" : "ENDED ", Format.time(s.endsAt()),
                s.comment() == null ? "" : "  " + s.comment());
    }

    private static RuntimeException failure(RuntimeException e, CommandSpec spec) {
        if (e instanceof BadSilenceException bad) {
            return new CommandLine.ParameterException(spec.commandLine(), "Invalid silence: " + bad.getMessage());
        }
        if (e instanceof SilenceConflictException || e instanceof CheckFailedException) {
            return new CommandFailure("silence failed: " + e.getMessage(), e);
        }
        return e;
    }

    /** {@code silence add --rule R [--subject COIN] (--for D | --until TIME) [--comment TEXT]}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Make a silence; prints it (its id ends it early).")
    public static class Add implements Callable<Integer> {

        private final SilenceBook silences;

        @Spec
        CommandSpec spec;

        @Option(names = "--rule", required = true, paramLabel = "RULE", description = "The rule to mute, e.g. coin-low.")
        String rule;

        @Option(names = "--subject", paramLabel = "COIN", description = "Only this coin (default: every subject of the rule).")
        String subject;

        @Option(names = "--for", paramLabel = "DURATION", description = "How long, as the configuration writes it: 12h, 2d, PT12H.")
        String forDuration;

        @Option(names = "--until", paramLabel = "TIME", description = "Or until when, an ISO-8601 instant.")
        String until;

        @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for whoever reads the status next.")
        String comment;

        public Add(SilenceBook silences) {
            this.silences = silences;
        }

        @Override
        public Integer call() {
            Silence made;
            try {
                made = silences.add(new SilenceRequest(rule, subject, forDuration, until, comment));
            } catch (RuntimeException e) {
                throw failure(e, spec);
            }
            spec.commandLine().getOut().println(line(made, made.startsAt()));
            return 0;
        }
    }

    /** {@code silence list [--format text|json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The active silences and those ended in the last day.")
    public static class ListAll implements Callable<Integer> {

        private final SilenceBook silences;
        private final ObjectMapper mapper;

        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = "Lines (text), or the JSON of GET /silences (json). Default: ${DEFAULT-VALUE}.")
        OutputFormat format;

        public ListAll(SilenceBook silences, ObjectMapper mapper) {
            this.silences = silences;
            this.mapper = mapper;
        }

        @Override
        public Integer call() throws JsonProcessingException {
            List<Silence> all;
            try {
                all = silences.list();
            } catch (RuntimeException e) {
                throw failure(e, spec);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
            } else if (all.isEmpty()) {
                out.println("no silences");
            } else {
                Instant now = Instant.now();
                all.forEach(s -> out.println(line(s, now)));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code silence expire ID}. */
    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End a silence now.")
    public static class Expire implements Callable<Integer> {

        private final SilenceBook silences;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The silence's id, as silence list shows it.")
        String id;

        public Expire(SilenceBook silences) {
            this.silences = silences;
        }

        @Override
        public Integer call() {
            Silence ended;
            try {
                ended = silences.expire(id);
            } catch (RuntimeException e) {
                throw failure(e, spec);
            }
            spec.commandLine().getOut().println(line(ended, ended.endsAt()));
            return 0;
        }
    }
}
