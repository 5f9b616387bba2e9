package org.eson.gateway.users;

import java.util.Objects;

/** An authenticated user, as a session knows it after a successful AUTHENTICATE. */
public record User(String name) {

    /** The reserved account name of SASL ANONYMOUS sessions; no configured user may have it. */
    public static final String ANONYMOUS = "anonymous";

    public User {
        Objects.requireNonNull(name, "name");
    }

    /** The identity of an anonymous (SASL ANONYMOUS) session. */
    public static User anonymous() {
        return new User(ANONYMOUS);
    }

    /** Whether this is an anonymous session, which may only read flows of {@code public: true} namespaces. */
    public boolean isAnonymous() {
        return ANONYMOUS.equals(name);
    }
}
