package org.eson.tck;

import java.time.Duration;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.eson.spi.FlowDescription;

/**
 * A plain client of the broker, independent of the adapter under test: the proof that what
 * DESCRIBE says is really usable by a participant who only has the description. It must be
 * configured from {@code description} alone (plus credentials the fixture issued), using the
 * broker's own client library and its CloudEvents protocol binding.
 */
public interface NativeProbe extends AutoCloseable {

    /** Publishes with the broker's own client and its CloudEvents binding, configured only from {@code description}. */
    void publish(FlowDescription description, CloudEvent event) throws Exception;

    /** Consumes {@code count} events (or fewer at timeout) as a new consumer group {@code group}, from the earliest. */
    List<CloudEvent> consume(FlowDescription description, String group, int count, Duration timeout) throws Exception;

    @Override
    void close();
}
