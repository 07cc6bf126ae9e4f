package dev.mailgate.cli;

/** The exit codes of every subcommand. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The input (a file, JSON, a message) was invalid; the error says what and where. */
    public static final int INVALID_INPUT = 1;
    /** picocli's code for a usage error (unknown option, missing argument). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
