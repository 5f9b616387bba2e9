package org.eson.fnap.fns;

import java.util.Objects;

/**
 * A flow, namespace, service or host could not be resolved. The four cases are separate types
 * because they call for different reactions: {@link NotFound} is final (the name is not
 * registered), {@link BrokenChain} points at whoever published the records, and {@link Timeout}
 * and {@link ServerFailure} are about the path to DNS and may succeed on a retry.
 *
 * <p>Every message is a complete sentence naming the DNS name and type, fit for a CLI to print as
 * is.
 */
public abstract sealed class FnsException extends Exception
        permits FnsException.NotFound, FnsException.BrokenChain, FnsException.Timeout,
        FnsException.ServerFailure {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String queryType;

    FnsException(String name, String queryType, String message, Throwable cause) {
        super(message, cause);
        this.name = Objects.requireNonNull(name, "name");
        this.queryType = Objects.requireNonNull(queryType, "queryType");
    }

    /**
     * @return the DNS name of the query that failed, absolute (with trailing dot), e.g.
     *         {@code _flow._tcp.time.flows.unix.ar.}
     */
    public String name() {
        return name;
    }

    /**
     * @return the record type of that query, e.g. {@code SRV}
     */
    public String queryType() {
        return queryType;
    }

    /** The first name asked for does not exist in DNS, or has no record of the type asked for. */
    public static final class NotFound extends FnsException {

        private static final long serialVersionUID = 1L;

        /**
         * @param name      queried name
         * @param queryType queried type
         * @param message   human-readable sentence
         */
        public NotFound(String name, String queryType, String message) {
            super(name, queryType, message, null);
        }
    }

    /**
     * The first step resolved but a later one did not: a record points at a name with no answer,
     * or an answer is malformed or says the service is unavailable. The registration exists, so
     * the publisher's records are at fault.
     */
    public static final class BrokenChain extends FnsException {

        private static final long serialVersionUID = 1L;

        /**
         * @param name      queried name
         * @param queryType queried type
         * @param message   human-readable sentence
         */
        public BrokenChain(String name, String queryType, String message) {
            super(name, queryType, message, null);
        }
    }

    /** No nameserver answered within the timeout, on any attempt. */
    public static final class Timeout extends FnsException {

        private static final long serialVersionUID = 1L;

        /**
         * @param name      queried name
         * @param queryType queried type
         * @param message   human-readable sentence
         */
        public Timeout(String name, String queryType, String message) {
            super(name, queryType, message, null);
        }
    }

    /**
     * The nameservers answered with an error code (SERVFAIL, REFUSED, ...), sent something that is
     * not a DNS answer, or could not be reached at all.
     */
    public static final class ServerFailure extends FnsException {

        private static final long serialVersionUID = 1L;

        private final String rcode;

        /**
         * @param name      queried name
         * @param queryType queried type
         * @param rcode     mnemonic of the response code (e.g. {@code SERVFAIL}), null for I/O
         *                  errors
         * @param message   human-readable sentence
         * @param cause     the I/O error, null for an error response
         */
        public ServerFailure(String name, String queryType, String rcode, String message,
                Throwable cause) {
            super(name, queryType, message, cause);
            this.rcode = rcode;
        }

        /**
         * @return the response code mnemonic, or null when no answer was received (I/O error)
         */
        public String rcode() {
            return rcode;
        }
    }
}
