package io.marketsentinel.bench;

/** Runs every benchmark: the packaged function against its reference, then replay throughput, then the command line as a user runs it. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        FunctionBenchmark.main(args);
        ReplayThroughput.main(new String[0]);
        CommandLineBenchmark.main(new String[0]);
        // DynamoDB Local leaves non-daemon threads (its SQLite queue) running after it is closed.
        System.exit(0);
    }
}
