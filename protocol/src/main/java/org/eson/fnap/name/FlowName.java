package org.eson.fnap.name;

import java.util.List;
import java.util.Objects;

/**
 * The fully qualified DNS name of a flow (thesis Annex C), for example
 * {@code notifications.calendar.people.syndeno.com}, whose URI form is
 * {@code flow://notifications.calendar.people.syndeno.com}.
 *
 * <p>The value is always canonical (lower case, no trailing dot) so that records compare equal
 * exactly when they name the same DNS owner. Which part is the namespace is not knowable from the
 * name alone (it depends on which zones a gateway serves), hence {@link #relativeTo(String)} takes
 * the namespace as an argument.
 *
 * @param fqdn the flow FQDN
 */
public record FlowName(String fqdn) implements Comparable<FlowName> {

    /** URI scheme of flow names. */
    public static final String SCHEME_PREFIX = "flow://";

    /**
     * Validates and canonicalises; a record that bypassed {@link #parse(String)} must still never
     * hold an invalid name.
     *
     * @throws IllegalArgumentException if {@code fqdn} is not a valid flow name
     */
    public FlowName {
        Objects.requireNonNull(fqdn, "fqdn");
        try {
            fqdn = validate(fqdn);
        } catch (InvalidFlowNameException e) {
            throw new IllegalArgumentException("Invalid flow name: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a flow name given either as an FQDN or as a {@code flow://} URI.
     *
     * @param text the name; the scheme is matched case-insensitively
     * @return the canonical flow name
     * @throws InvalidFlowNameException if the text is not a valid flow name
     */
    public static FlowName parse(String text) throws InvalidFlowNameException {
        if (text == null || text.isEmpty()) {
            throw new InvalidFlowNameException("name is empty");
        }
        String host = text;
        if (text.regionMatches(true, 0, SCHEME_PREFIX, 0, SCHEME_PREFIX.length())) {
            host = text.substring(SCHEME_PREFIX.length());
        } else {
            int scheme = text.indexOf("://");
            if (scheme > 0) {
                throw new InvalidFlowNameException("only flow:// URIs name flows");
            }
        }
        // Validated here first so that callers get the checked exception, not the constructor's.
        return new FlowName(validate(host));
    }

    private static String validate(String host) throws InvalidFlowNameException {
        for (int i = 0; i < host.length(); i++) {
            String what = switch (host.charAt(i)) {
                case '/' -> "a path";
                case ':' -> "a port";
                case '?' -> "a query";
                case '#' -> "a fragment";
                case '@' -> "user information";
                default -> null;
            };
            if (what != null) {
                throw new InvalidFlowNameException("a flow name must not contain " + what);
            }
        }
        String name = DomainNames.normalize(host);
        if (name.indexOf('.') < 0) {
            throw new InvalidFlowNameException("a flow name needs at least two labels");
        }
        return name;
    }

    /**
     * @return the URI form, {@code flow://} followed by the FQDN
     */
    public String uri() {
        return SCHEME_PREFIX + fqdn;
    }

    /**
     * @return the labels from left (most specific) to right
     */
    public List<String> labels() {
        return List.of(fqdn.split("\\.", -1));
    }

    /**
     * Whether this flow lies strictly below {@code domain}, comparing whole labels so that
     * {@code x.flows.unix.ar.evil.com} is not under {@code flows.unix.ar} and {@code xflows.unix.ar}
     * is not either.
     *
     * @param domain a DNS name (any case, optional trailing dot)
     * @return false when {@code domain} is not a valid DNS name, equals this name, or is not a
     *         label-wise suffix of it
     */
    public boolean isStrictSubdomainOf(String domain) {
        String d;
        try {
            d = DomainNames.normalize(domain);
        } catch (InvalidFlowNameException e) {
            return false;
        }
        return fqdn.length() > d.length() + 1
                && fqdn.endsWith(d)
                && fqdn.charAt(fqdn.length() - d.length() - 1) == '.';
    }

    /**
     * The flow name proper within a namespace: {@code notifications.calendar} for
     * {@code notifications.calendar.people.syndeno.com} in {@code people.syndeno.com}.
     *
     * @param namespace the namespace this flow belongs to
     * @return the labels left of the namespace
     * @throws IllegalArgumentException if this flow is not strictly within {@code namespace}
     */
    public String relativeTo(String namespace) {
        if (!isStrictSubdomainOf(namespace)) {
            throw new IllegalArgumentException(
                    "Flow " + fqdn + " is not within namespace " + namespace);
        }
        String d = DomainNames.toLowerAscii(namespace.endsWith(".")
                ? namespace.substring(0, namespace.length() - 1) : namespace);
        return fqdn.substring(0, fqdn.length() - d.length() - 1);
    }

    /** Orders by FQDN text, the order of {@code GET FLOWS}. */
    @Override
    public int compareTo(FlowName other) {
        return fqdn.compareTo(other.fqdn);
    }

    /**
     * @return the FQDN, so a flow name can be concatenated into commands and messages directly
     */
    @Override
    public String toString() {
        return fqdn;
    }
}
