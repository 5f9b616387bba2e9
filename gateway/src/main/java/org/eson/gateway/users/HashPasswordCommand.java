package org.eson.gateway.users;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code fnaad hash-password [--iterations N]}: prints the {@code password-hash} value for a
 * user entry. The password never appears on the command line, where {@code ps} and shell
 * history would keep it: it is read from the terminal without echo (twice, to catch typos) or,
 * for scripts, as one line of standard input.
 */
public final class HashPasswordCommand {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** Longer input is not a password but probably a file piped in by mistake. */
    static final int MAX_PASSWORD_CHARS = 1024;

    static final String USAGE = "usage: fnaad hash-password [--iterations N]\n"
            + "  Reads a password (from the terminal without echo, else one line of standard input)\n"
            + "  and prints its " + PasswordHasher.SCHEME + " hash for a user's password-hash key.\n"
            + "  --iterations N  PBKDF2 iterations, " + PasswordHasher.MIN_ITERATIONS + ".." + PasswordHasher.MAX_ITERATIONS
            + " (default and recommended: " + PasswordHasher.DEFAULT_ITERATIONS + ")";

    private HashPasswordCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, interactiveConsole(), System.in, System.out, System.err));
    }

    /**
     * The console when standard input really is a terminal, else {@code null}. Since JDK 22
     * {@link System#console()} may return a console for redirected streams; prompting there would
     * make {@code echo secret | fnaad hash-password} wait for a terminal that is not there.
     */
    public static Console interactiveConsole() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
        } catch (ReflectiveOperationException e) {
            // JDK 21 has no isTerminal() and only returns a console for a terminal
            return console;
        }
    }

    /**
     * Runs the command.
     *
     * @param console the terminal to prompt on, or {@code null} to read one line from {@code stdin}
     * @return {@value #EXIT_OK} on success, {@value #EXIT_FAILED} when no usable password was
     *         given, {@value #EXIT_USAGE} for bad arguments
     */
    public static int run(String[] args, Console console, InputStream stdin, PrintStream out, PrintStream err) {
        int iterations = PasswordHasher.DEFAULT_ITERATIONS;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return EXIT_OK;
            } else if (arg.equals("--iterations")) {
                if (i + 1 >= args.length) {
                    return usage(err, "--iterations needs a number");
                }
                value = args[++i];
            } else if (arg.startsWith("--iterations=")) {
                value = arg.substring("--iterations=".length());
            } else {
                return usage(err, "unknown argument '" + arg + "'");
            }
            try {
                iterations = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return usage(err, "--iterations needs a number, got '" + value + "'");
            }
            if (iterations < PasswordHasher.MIN_ITERATIONS || iterations > PasswordHasher.MAX_ITERATIONS) {
                return usage(err, "--iterations must be between " + PasswordHasher.MIN_ITERATIONS + " and "
                        + PasswordHasher.MAX_ITERATIONS + ", got " + iterations);
            }
        }
        if (iterations < PasswordHasher.DEFAULT_ITERATIONS) {
            err.println("warning: " + iterations + " iterations is below the recommended "
                    + PasswordHasher.DEFAULT_ITERATIONS + "; such a hash is easier to crack if leaked");
        }

        char[] password = null;
        try {
            if (console != null) {
                password = console.readPassword("Password: ");
                if (password == null) {
                    return fail(err, "no password entered");
                }
                char[] again = console.readPassword("Repeat password: ");
                try {
                    if (again == null || !Arrays.equals(password, again)) {
                        return fail(err, "the passwords do not match");
                    }
                } finally {
                    if (again != null) {
                        Arrays.fill(again, '\0');
                    }
                }
            } else {
                password = readLine(stdin);
                if (password == null) {
                    return fail(err, "no password on standard input (expected one line)");
                }
            }
            if (password.length == 0) {
                return fail(err, "the password is empty");
            }
            out.println(PasswordHasher.hash(password, iterations));
            out.flush();
            if (console != null) {
                err.println("Put this value in the user's password-hash key (quoted in YAML).");
            }
            return EXIT_OK;
        } catch (InputTooLongException e) {
            return fail(err, "the input line is longer than " + MAX_PASSWORD_CHARS + " characters; is it really a password?");
        } catch (IOException e) {
            return fail(err, "cannot read the password: " + e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /**
     * One line without its terminator, or {@code null} at end of input. Read a char at a time
     * into an array so the password can be wiped afterwards, which a String would not allow.
     */
    private static char[] readLine(InputStream stdin) throws IOException {
        Reader reader = new InputStreamReader(stdin, StandardCharsets.UTF_8);
        char[] buffer = new char[MAX_PASSWORD_CHARS + 1];
        int length = 0;
        boolean any = false;
        try {
            int c;
            while ((c = reader.read()) != -1) {
                any = true;
                if (c == '\n') {
                    break;
                }
                if (length == buffer.length) {
                    throw new InputTooLongException();
                }
                buffer[length++] = (char) c;
            }
            if (!any) {
                return null;
            }
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            if (length > MAX_PASSWORD_CHARS) {
                throw new InputTooLongException();
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            Arrays.fill(buffer, '\0');
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("fnaad hash-password: " + problem);
        err.println(USAGE);
        return EXIT_USAGE;
    }

    private static int fail(PrintStream err, String problem) {
        err.println("fnaad hash-password: " + problem);
        return EXIT_FAILED;
    }

    private static final class InputTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
