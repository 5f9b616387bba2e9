package org.eson.fnua.commands;

/**
 * Exit codes of {@code fnua}. Scripts branch on them, so they are part of the interface: a 5xx
 * refusal will fail again if retried unchanged, while a 4xx or a network failure may not.
 */
public final class ExitCodes {

    /** The command succeeded. */
    public static final int OK = 0;
    /**
     * The agent refused the command with a permanent (5xx) reply, or DNS says the flow or agent is
     * not registered (NXDOMAIN) or registered wrongly (a broken chain of records).
     */
    public static final int REFUSED = 1;
    /** Bad usage or configuration; the same as picocli's usage-error code. */
    public static final int USAGE = 2;
    /**
     * The agent could not be reached, the connection failed, or it answered 4xx; or DNS timed out
     * or failed.
     */
    public static final int UNAVAILABLE = 3;
    /** A bug in fnua (EX_SOFTWARE of sysexits.h). */
    public static final int INTERNAL = 70;

    /** Heading of the exit-code section of every command's help. */
    public static final String FOOTER_HEADING = "%nExit codes:%n";

    /** The exit-code section of every command's help. */
    public static final String FOOTER = "  0   success%n"
            + "  1   the agent refused the command (5xx reply), or the flow or agent is not%n"
            + "      (correctly) registered in DNS; retrying will not help%n"
            + "  2   usage or configuration error%n"
            + "  3   connection failure, timeout or transient refusal (4xx reply), or a DNS%n"
            + "      timeout or server failure%n"
            + "  70  internal error in fnua%n";

    private ExitCodes() {
    }
}
