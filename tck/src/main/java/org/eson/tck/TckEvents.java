package org.eson.tck;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Named;

/** The events the TCK sends: one of every shape a CloudEvent can take, built with the SDK's v1 builder. */
public final class TckEvents {

    /** The {@code source} of every TCK event. */
    public static final URI SOURCE = URI.create("urn:eson:tck");
    /** The {@code type} of every TCK event. */
    public static final String TYPE = "org.eson.tck.event";
    /** The CloudEvents Partitioning extension that orders events of one key. */
    public static final String PARTITION_KEY = org.eson.spi.Events.PARTITION_KEY;
    /** The size of the large payload: 1 MB (10^6 bytes). */
    public static final int LARGE_PAYLOAD = 1_000_000;

    /** One shape of event, built with a fresh id. */
    public record Sample(String name, Function<String, CloudEvent> factory) {
        public CloudEvent create(String id) {
            return factory.apply(id);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final byte[] ALL_BYTES = new byte[256];
    private static final byte[] LARGE = new byte[LARGE_PAYLOAD];

    static {
        for (int i = 0; i < ALL_BYTES.length; i++) {
            ALL_BYTES[i] = (byte) i;
        }
        new Random(20240506L).nextBytes(LARGE);
    }

    private TckEvents() {
    }

    /** Every shape the round-trip tests send. */
    public static List<Sample> all() {
        return List.of(
                new Sample("every attribute and extension, text data", id -> everyAttribute(id)
                        .withDataContentType("text/plain; charset=utf-8")
                        .withData("h\u00e9llo, w\u00f6rld \u2713 \ud83d\ude80".getBytes(StandardCharsets.UTF_8)).build()),
                new Sample("every attribute and extension, no data", id -> everyAttribute(id).build()),
                new Sample("binary data (all 256 byte values)", id -> minimal(id)
                        .withDataContentType("application/octet-stream").withData(ALL_BYTES.clone()).build()),
                new Sample("JSON data", id -> minimal(id).withDataContentType("application/json")
                        .withData("{\"flight\":\"AR1140\",\"gate\":12}".getBytes(StandardCharsets.UTF_8)).build()),
                new Sample("required attributes only, no data", id -> minimal(id).build()),
                new Sample("1 MB binary data", id -> minimal(id).withDataContentType("application/octet-stream")
                        .withData(LARGE.clone()).build()));
    }

    /** {@link #all()} as named JUnit arguments, for {@code @MethodSource("org.eson.tck.TckEvents#samples")}. */
    public static Stream<Named<Sample>> samples() {
        return all().stream().map(s -> Named.of(s.name(), s));
    }

    /** The required attributes only. */
    public static CloudEventBuilder minimal(String id) {
        return CloudEventBuilder.v1().withId(id).withSource(SOURCE).withType(TYPE);
    }

    /** A small event with no data. */
    public static CloudEvent event(String id) {
        return minimal(id).build();
    }

    /** A small event with a {@code partitionkey}. */
    public static CloudEvent keyed(String id, String key) {
        return minimal(id).withExtension(PARTITION_KEY, key)
                .withData("text/plain", id.getBytes(StandardCharsets.UTF_8)).build();
    }

    /** Every optional attribute and one extension of each CloudEvents type; no data yet. */
    public static CloudEventBuilder everyAttribute(String id) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("https://tck.eson.example/sources/a?b=c"))
                .withType(TYPE + ".full")
                .withSubject("subject with spaces / and \u00fcnicode")
                .withTime(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000, ZoneOffset.ofHoursMinutes(5, 30)))
                .withDataSchema(URI.create("https://tck.eson.example/schemas/event.json"))
                .withExtension("tckstring", "a string \u2713")
                .withExtension("tckinteger", 2_147_483_000)
                .withExtension("tckboolean", true)
                .withExtension("tckuri", URI.create("https://tck.eson.example/x?y=z#w"))
                .withExtension("tcktime", OffsetDateTime.of(2023, 12, 31, 23, 59, 59, 0, ZoneOffset.ofHours(-3)))
                .withExtension("tckbinary", new byte[] {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff});
    }
}
