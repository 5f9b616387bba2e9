package org.eson.fnua.commands;

/**
 * A command failed in a way the user must be told about. The message is printed as
 * {@code fnua: MESSAGE} on stderr; it must already be complete and free of secrets.
 */
public final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message  user-facing message, without the {@code fnua: } prefix
     */
    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message  user-facing message, without the {@code fnua: } prefix
     * @param cause    the underlying exception, for debugging
     */
    public CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * @return the process exit code
     */
    public int exitCode() {
        return exitCode;
    }
}
