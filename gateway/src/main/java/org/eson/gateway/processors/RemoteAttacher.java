package org.eson.gateway.processors;

import org.eson.spi.BrokerAdapter;
import org.eson.spi.BrokerException;

/** Opens an adapter on a remote flow's broker; the caller closes it. */
@FunctionalInterface
public interface RemoteAttacher {

    BrokerAdapter attach(RemoteFlow flow) throws BrokerException;

    /** For gateways (and tests) without subscriptions. */
    static RemoteAttacher none() {
        return flow -> {
            throw new BrokerException.Fatal("remote flows are not supported here: " + flow);
        };
    }
}
