package org.eson.fnua.commands;

import org.eson.fnap.name.DomainNames;
import org.eson.fnap.name.FlowName;
import org.eson.fnap.name.InvalidFlowNameException;

/**
 * Parses names given on the command line. Done in the command rather than by a picocli
 * converter so that the message reads {@code invalid flow name 'a_b': ...} instead of picocli's
 * generic "Invalid value for positional parameter".
 */
final class FlowArgument {

    private FlowArgument() {
    }

    static FlowName flow(String text) throws CommandFailure {
        try {
            return FlowName.parse(text);
        } catch (InvalidFlowNameException e) {
            throw new CommandFailure(ExitCodes.USAGE,
                    "invalid flow name '" + Text.printable(text) + "': " + e.getMessage(), e);
        }
    }

    static String namespace(String text) throws CommandFailure {
        try {
            return DomainNames.normalize(text);
        } catch (InvalidFlowNameException e) {
            throw new CommandFailure(ExitCodes.USAGE,
                    "invalid namespace '" + Text.printable(text) + "': " + e.getMessage(), e);
        }
    }
}
