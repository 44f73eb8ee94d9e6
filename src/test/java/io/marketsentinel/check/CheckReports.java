package io.marketsentinel.check;

/** A realistic check report for tests outside this package. */
public final class CheckReports {

    private CheckReports() {
    }

    public static CheckReport sample() {
        return CheckReportJsonTest.report();
    }
}
