package org.eson.gateway.users;

import java.util.Objects;

/** An authenticated user, as a session knows it after a successful AUTHENTICATE. */
public record User(String name) {

    public User {
        Objects.requireNonNull(name, "name");
    }
}
