package org.eson.adapters.kafka;

import org.eson.fixtures.kafka.KafkaBrokerExtension;
import org.eson.tck.AdapterTck;
import org.eson.tck.TckSubject;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ESON TCK against a real single-node KRaft broker in this JVM. */
@ExtendWith(HeapReport.class)
class KafkaAdapterTckTest extends AdapterTck {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.shared();

    @Override
    protected TckSubject subject() {
        return new KafkaTckSubject(KAFKA.broker());
    }
}
