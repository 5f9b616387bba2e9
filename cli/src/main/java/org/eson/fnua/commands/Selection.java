package org.eson.fnua.commands;

import org.eson.fnua.agents.AgentSelection;
import org.eson.fnua.agents.AgentSelectionException;

/** Runs an agent selection and makes its failure a usage error. */
final class Selection {

    @FunctionalInterface
    interface Choice {
        AgentSelection choose() throws AgentSelectionException;
    }

    private Selection() {
    }

    static AgentSelection of(Choice choice) throws CommandFailure {
        try {
            return choice.choose();
        } catch (AgentSelectionException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
    }
}
