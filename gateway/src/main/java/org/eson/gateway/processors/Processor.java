package org.eson.gateway.processors;

/**
 * The thesis's FNAA-to-processor interface (Figure 12). {@link ProcessorRuntime} is its only
 * caller and serialises the lifecycle calls of one processor; {@link #status()} may be called
 * from any thread.
 */
public interface Processor extends AutoCloseable {

    ProcessorSpec spec();

    /** CREATED, PAUSED or FAILED to RUNNING. */
    void start() throws ProcessorException;

    /**
     * Takes new settings or endpoints (same id and kind); a running processor restarts with them
     * on the same consumer group, so nothing is skipped.
     */
    void update(ProcessorSpec spec) throws ProcessorException;

    /** RUNNING to PAUSED; events not confirmed yet stay unacknowledged and come back on resume. */
    void pause();

    /** PAUSED or FAILED to RUNNING. */
    void resume() throws ProcessorException;

    /** Stops for good. */
    void destroy();

    ProcessorStatus status();

    /** Stops without changing the lifecycle state: the gateway is shutting down and will start it again. */
    @Override
    void close();
}
