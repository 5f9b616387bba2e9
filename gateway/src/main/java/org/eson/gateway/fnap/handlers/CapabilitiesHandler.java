package org.eson.gateway.fnap.handlers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.eson.fnap.command.Command;
import org.eson.fnap.wire.Reply;
import org.eson.gateway.fnap.CommandHandler;
import org.eson.gateway.users.User;

/**
 * {@code CAPABILITIES} -> what this gateway offers, as {@code key=value} lines. Computed once:
 * nothing in it changes while the gateway runs.
 */
public final class CapabilitiesHandler implements CommandHandler<Command.Capabilities> {

    private final Reply reply;

    public CapabilitiesHandler(Collection<String> mechanisms, Collection<String> brokerTypes,
                               Collection<String> processorTypes, OptionalInt tlsPort) {
        var lines = new ArrayList<String>();
        lines.add("fnap=1");
        lines.add("auth=" + String.join(" ", mechanisms));
        lines.add("brokers=" + String.join(" ", brokerTypes));
        lines.add("processors=" + String.join(" ", processorTypes));
        lines.add("tls=" + (tlsPort.isPresent() ? "implicit" : "none"));
        tlsPort.ifPresent(port -> lines.add("tls-port=" + port));
        this.reply = Reply.data(List.copyOf(lines));
    }

    @Override
    public Reply handle(Command.Capabilities command, Optional<User> user) {
        return reply;
    }
}
