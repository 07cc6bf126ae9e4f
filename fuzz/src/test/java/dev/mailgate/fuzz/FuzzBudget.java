package dev.mailgate.fuzz;

/**
 * How long one fuzzing session of a target lasts. CI fuzzes each target for this long on every build; a longer run
 * ({@code scripts/fuzz.sh SECONDS}) repeats sessions, each resuming from the corpus the previous one grew.
 */
final class FuzzBudget {
    static final String CI = "8s";

    /**
     * The longest input of the bounce, codec and SMTP-reply targets: 64 KiB, not Jazzer's default 1,000 bytes, so
     * the mutator reaches the shapes that cost superlinear time (issue 18: a thousand addresses are 26 KB; the
     * seeds named many-*, deep-* hold such shapes). The budget per input ({@link Bounded}) holds at this size
     * because every parser is linear (the complexity tests).
     */
    static final int MAX_LENGTH = 64 * 1024;

    /**
     * The longest mail of the bounce-parser target, 32 KiB (1,000 addresses fit): under Jazzer's instrumentation,
     * which hooks every string comparison, a parse runs some hundred times slower than it does in production, and a
     * mail with a thousand recipients already takes a few seconds.
     */
    static final int MAX_MAIL_LENGTH = 32 * 1024;

    private FuzzBudget() {
    }
}
