package org.eson.gateway.fnap;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eson.fnap.command.Command;
import org.eson.fnap.wire.Reply;
import org.eson.fnap.wire.ReplyCodes;
import org.eson.gateway.users.User;

/**
 * Routes each parsed command to its handler (Apache James style). Built once at start-up, and
 * the build refuses to finish while any command the parser can produce lacks a handler, so a new
 * verb cannot ship half-wired.
 */
public final class CommandDispatcher {

    private static final System.Logger LOG = System.getLogger(CommandDispatcher.class.getName());

    /** The session itself handles these, because they change its state. */
    private static final Set<Class<?>> SESSION_COMMANDS = Set.of(Command.Authenticate.class, Command.Quit.class);

    private final Map<Class<?>, CommandHandler<?>> handlers;

    private CommandDispatcher(Map<Class<?>, CommandHandler<?>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    @SuppressWarnings("unchecked")
    Reply dispatch(Command command, Optional<User> user) {
        var handler = (CommandHandler<Command>) handlers.get(command.getClass());
        try {
            return handler.handle(command, user);
        } catch (RuntimeException e) {
            // A bug or an unexpected dependency failure must not kill the session or leak internals.
            LOG.log(Level.ERROR, "event=command.error verb=" + command.verb(), e);
            return Reply.of(ReplyCodes.BROKER_UNAVAILABLE, "Local error in processing, try again later");
        }
    }

    /** Collects handlers; {@link #build()} checks completeness. */
    public static final class Builder {
        private final Map<Class<?>, CommandHandler<?>> handlers = new HashMap<>();

        private Builder() {
        }

        public <C extends Command> Builder register(Class<C> type, CommandHandler<? super C> handler) {
            if (SESSION_COMMANDS.contains(type)) {
                throw new IllegalArgumentException(type.getSimpleName() + " is handled by the session");
            }
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalStateException("Two handlers for " + type.getSimpleName());
            }
            return this;
        }

        public CommandDispatcher build() {
            Set<String> missing = new TreeSet<>();
            for (Class<?> type : Command.class.getPermittedSubclasses()) {
                if (!SESSION_COMMANDS.contains(type) && !handlers.containsKey(type)) {
                    missing.add(type.getSimpleName());
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("No FNAP handler for " + String.join(", ", missing));
            }
            return new CommandDispatcher(handlers);
        }
    }
}
