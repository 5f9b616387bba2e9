package org.eson.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eson.adapters.memory.TestEvents.pollNow;
import static org.eson.adapters.memory.TestEvents.publish;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.eson.spi.FlowSpec;
import org.eson.spi.bridge.Delivery;
import org.eson.spi.bridge.EventSource;
import org.eson.spi.bridge.SourceSettings;
import org.junit.jupiter.api.Test;

class RoundTripTest {

    @Test
    void everyAttributeExtensionAndByteSurvives() throws Exception {
        byte[] payload = new byte[1024 * 1024];
        new Random(42).nextBytes(payload);
        byte[] binaryExtension = {0, 1, 2, (byte) 0xff};
        OffsetDateTime time = OffsetDateTime.of(2025, 3, 14, 15, 9, 26, 535_000_000, ZoneOffset.ofHours(2));
        OffsetDateTime extensionTime = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

        CloudEvent full = CloudEventBuilder.v1()
                .withId("id-1")
                .withSource(URI.create("https://example.com/shop"))
                .withType("com.example.order.created")
                .withSubject("order/42")
                .withTime(time)
                .withDataContentType("application/octet-stream")
                .withDataSchema(URI.create("https://example.com/schemas/order"))
                .withExtension("strext", "text with spaces and ünïcödé")
                .withExtension("intext", Integer.valueOf(-7))
                .withExtension("boolext", Boolean.TRUE)
                .withExtension("uriext", URI.create("urn:isbn:0451450523"))
                .withExtension("timeext", extensionTime)
                .withExtension("binext", binaryExtension)
                .withData(payload)
                .build();
        CloudEvent empty = CloudEventBuilder.v1().withId("id-2").withSource(URI.create("/x")).withType("t").build();
        CloudEvent v03 = CloudEventBuilder.v03().withId("id-3").withSource(URI.create("/y")).withType("t")
                .withData("text/plain", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();

        try (var adapter = TestEvents.adapter()) {
            adapter.create(FlowSpec.of("events"));
            publish(adapter, "events", full, empty, v03);
            List<Delivery> got;
            try (EventSource source = adapter.openSource(FlowSpec.of("events"), new SourceSettings("g"))) {
                got = pollNow(source, 10);
            }
            assertThat(got).hasSize(3);

            CloudEvent back = got.get(0).event();
            assertThat(back).isSameAs(full).isEqualTo(full);
            assertThat(back.getSpecVersion()).isEqualTo(SpecVersion.V1);
            assertThat(back.getId()).isEqualTo("id-1");
            assertThat(back.getSource()).isEqualTo(URI.create("https://example.com/shop"));
            assertThat(back.getType()).isEqualTo("com.example.order.created");
            assertThat(back.getSubject()).isEqualTo("order/42");
            assertThat(back.getTime()).isEqualTo(time);
            assertThat(back.getDataContentType()).isEqualTo("application/octet-stream");
            assertThat(back.getDataSchema()).isEqualTo(URI.create("https://example.com/schemas/order"));
            assertThat(back.getExtensionNames())
                    .containsExactlyInAnyOrder("strext", "intext", "boolext", "uriext", "timeext", "binext");
            assertThat(back.getExtension("strext")).isEqualTo("text with spaces and ünïcödé");
            assertThat(back.getExtension("intext")).isEqualTo(-7);
            assertThat(back.getExtension("boolext")).isEqualTo(true);
            assertThat(back.getExtension("uriext")).isEqualTo(URI.create("urn:isbn:0451450523"));
            assertThat(back.getExtension("timeext")).isEqualTo(extensionTime);
            assertThat((byte[]) back.getExtension("binext")).containsExactly(binaryExtension);
            assertThat(back.getData().toBytes()).isEqualTo(payload);

            CloudEvent noData = got.get(1).event();
            assertThat(noData).isSameAs(empty);
            assertThat(noData.getData()).isNull();
            assertThat(noData.getExtensionNames()).isEmpty();
            assertThat(noData.getSubject()).isNull();
            assertThat(noData.getTime()).isNull();

            assertThat(got.get(2).event()).isSameAs(v03);
            assertThat(got.get(2).event().getSpecVersion()).isEqualTo(SpecVersion.V03);
        }
    }
}
