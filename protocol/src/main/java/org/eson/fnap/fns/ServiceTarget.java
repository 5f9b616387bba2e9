package org.eson.fnap.fns;

import java.util.Locale;
import java.util.Objects;

/**
 * One SRV target (RFC 2782).
 *
 * @param host     target host, lower case, without the trailing dot
 * @param port     port on that host, 0 to 65535
 * @param priority SRV priority, lower is tried first
 * @param weight   SRV weight, relative share among targets of one priority
 */
public record ServiceTarget(String host, int port, int priority, int weight) {

    /**
     * @throws IllegalArgumentException if the host is blank or a number is out of the 16-bit range
     */
    public ServiceTarget {
        Objects.requireNonNull(host, "host");
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("target host must not be blank");
        }
        host = host.toLowerCase(Locale.ROOT);
        checkU16(port, "port");
        checkU16(priority, "priority");
        checkU16(weight, "weight");
    }

    private static void checkU16(int value, String what) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(what + " out of range 0-65535: " + value);
        }
    }

    /**
     * @return {@code host:port}, with brackets around IPv6 literals
     */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
