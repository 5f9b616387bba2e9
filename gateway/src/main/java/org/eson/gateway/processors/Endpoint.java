package org.eson.gateway.processors;

/**
 * Where a processor reads or writes. Sealed so every switch over endpoints is checked by the
 * compiler: the subscriptions work adds a {@code RemoteFlow} (a flow behind another FNAA, with
 * the broker parameters its DESCRIBE returned) and every place that must handle it then fails
 * to compile until it does.
 */
public sealed interface Endpoint permits LocalFlow, RemoteFlow {

    /** The flow's name, without {@code flow://}. */
    String flow();
}
