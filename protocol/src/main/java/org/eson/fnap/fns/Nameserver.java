package org.eson.fnap.fns;

import java.util.Locale;
import java.util.Objects;
import org.eson.fnap.name.DomainNames;
import org.xbill.DNS.Address;

/**
 * A DNS server to send queries to.
 *
 * @param host IPv4 or IPv6 literal (without brackets) or a host name; host names are resolved by
 *             the JVM, since a resolver cannot bootstrap its own nameserver
 * @param port UDP and TCP port, 1 to 65535
 */
public record Nameserver(String host, int port) {

    /** The DNS port, used when {@link #parse(String)} finds none. */
    public static final int DEFAULT_PORT = 53;

    /**
     * @throws IllegalArgumentException if the host is neither an IP literal nor a valid host name,
     *                                  or the port is out of range
     */
    public Nameserver {
        Objects.requireNonNull(host, "host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("nameserver host must not be blank");
        }
        if (!isIpLiteral(host)) {
            if (!DomainNames.isValid(host)) {
                throw new IllegalArgumentException(
                        "nameserver host is neither an IP address nor a host name: " + host);
            }
            host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            host = host.toLowerCase(Locale.ROOT);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("nameserver port out of range 1-65535: " + port);
        }
    }

    /**
     * @param host IP literal or host name, port 53
     * @return the nameserver
     */
    public static Nameserver of(String host) {
        return new Nameserver(host, DEFAULT_PORT);
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6]:port}, {@code [v6]} or a bare IPv6
     * literal (which cannot carry a port, its colons being ambiguous).
     *
     * @param text the address, as a user would type it after {@code --nameserver}
     * @return the nameserver
     * @throws IllegalArgumentException if the text is not such an address
     */
    public static Nameserver parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in nameserver address: " + text);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!isIpLiteral(host) || host.indexOf(':') < 0) {
                throw new IllegalArgumentException("not an IPv6 address in brackets: " + text);
            }
            if (rest.isEmpty()) {
                return new Nameserver(host, DEFAULT_PORT);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("unexpected text after ']': " + text);
            }
            return new Nameserver(host, parsePort(rest.substring(1), text));
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new Nameserver(s, DEFAULT_PORT);
        }
        if (s.indexOf(':', colon + 1) >= 0) {
            if (!isIpLiteral(s)) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            return new Nameserver(s, DEFAULT_PORT);
        }
        return new Nameserver(s.substring(0, colon), parsePort(s.substring(colon + 1), text));
    }

    private static int parsePort(String port, String text) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in nameserver address: " + text, e);
        }
    }

    static boolean isIpLiteral(String s) {
        return Address.toByteArray(s, Address.IPv4) != null
                || (s.indexOf(':') >= 0 && Address.toByteArray(s, Address.IPv6) != null);
    }

    /**
     * @return {@code host:port}, with brackets around IPv6 literals, as in the trace lines
     */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
