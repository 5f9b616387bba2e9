package org.eson.gateway.config;

import java.util.Locale;

import org.eson.fnap.name.DomainNames;

/**
 * DNS names in configuration (the gateway's FQDN, namespace names): the protocol's
 * {@link DomainNames} rules, with the lenient normalization a hand-written file needs.
 */
public final class DnsNames {

    private DnsNames() {
    }

    /** Lower case, without surrounding blanks or the trailing root dot, so equal names compare equal as strings. */
    public static String normalize(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** Whether {@code name}, once normalized, is a DNS name FNAP accepts. */
    public static boolean isValid(String name) {
        // DomainNames itself allows (and drops) exactly one trailing root dot.
        return name != null && DomainNames.isValid(name.strip());
    }
}
