package org.eson.tck;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;

/**
 * Compares two CloudEvents attribute by attribute and fails with every difference at once.
 *
 * <p>The rules follow the CloudEvents type system rather than Java equality, because protocol
 * bindings (Kafka headers, HTTP headers, AMQP properties) carry attributes and extensions as
 * text and give them back as {@code String}:
 * <ul>
 *   <li>{@code time} is compared by instant, so {@code 10:00+02:00} equals {@code 08:00Z};</li>
 *   <li>extension values are compared by value in their canonical string form: {@code 42} equals
 *       {@code "42"}, a {@code byte[]} equals its Base64 text (and byte arrays are compared by
 *       content), a timestamp equals any RFC 3339 text of the same instant; the set of extension
 *       names must be equal;</li>
 *   <li>data is compared byte for byte; an event published without data must come back without
 *       data or with zero bytes (several bindings cannot tell the two apart).</li>
 * </ul>
 */
public final class CloudEventsAssert {

    private CloudEventsAssert() {
    }

    /** Fails unless {@code actual} carries every attribute, extension and byte of data of {@code expected}. */
    public static void assertSameEvent(CloudEvent actual, CloudEvent expected) {
        List<String> differences = differences(actual, expected);
        if (!differences.isEmpty()) {
            throw new AssertionError("CloudEvent " + (expected == null ? null : expected.getId())
                    + " did not round-trip:\n  - " + String.join("\n  - ", differences));
        }
    }

    /** Fails unless the lists hold the same events in the same order. */
    public static void assertSameEvents(List<CloudEvent> actual, List<CloudEvent> expected) {
        if (actual.size() != expected.size()) {
            throw new AssertionError("expected " + expected.size() + " events " + ids(expected) + " but got "
                    + actual.size() + " " + ids(actual));
        }
        for (int i = 0; i < expected.size(); i++) {
            assertSameEvent(actual.get(i), expected.get(i));
        }
    }

    /** Every difference, empty when the events are the same. */
    public static List<String> differences(CloudEvent actual, CloudEvent expected) {
        var out = new ArrayList<String>();
        if (actual == null || expected == null) {
            if (actual != expected) {
                out.add("expected " + expected + " but got " + actual);
            }
            return out;
        }
        compare(out, "specversion", expected.getSpecVersion(), actual.getSpecVersion());
        compare(out, "id", expected.getId(), actual.getId());
        compare(out, "source", expected.getSource(), actual.getSource());
        compare(out, "type", expected.getType(), actual.getType());
        compare(out, "subject", expected.getSubject(), actual.getSubject());
        compare(out, "datacontenttype", expected.getDataContentType(), actual.getDataContentType());
        compare(out, "dataschema", expected.getDataSchema(), actual.getDataSchema());
        OffsetDateTime et = expected.getTime();
        OffsetDateTime at = actual.getTime();
        if (et == null || at == null) {
            if (et != at) {
                out.add("time: expected " + et + " but got " + at);
            }
        } else if (!et.toInstant().equals(at.toInstant())) {
            out.add("time: expected " + et + " (" + et.toInstant() + ") but got " + at + " (" + at.toInstant() + ")");
        }
        var expectedNames = new TreeSet<>(expected.getExtensionNames());
        var actualNames = new TreeSet<>(actual.getExtensionNames());
        if (!expectedNames.equals(actualNames)) {
            var missing = new TreeSet<>(expectedNames);
            missing.removeAll(actualNames);
            var extra = new TreeSet<>(actualNames);
            extra.removeAll(expectedNames);
            out.add("extensions: expected " + expectedNames + " but got " + actualNames
                    + (missing.isEmpty() ? "" : ", missing " + missing) + (extra.isEmpty() ? "" : ", unexpected " + extra));
        }
        for (String name : expectedNames) {
            if (actualNames.contains(name)) {
                Object e = expected.getExtension(name);
                Object a = actual.getExtension(name);
                if (!sameExtensionValue(e, a)) {
                    out.add("extension " + name + ": expected " + show(e) + " but got " + show(a));
                }
            }
        }
        compareData(out, expected.getData(), actual.getData());
        return out;
    }

    /** Whether two extension values are the same CloudEvents value (see the class comment). */
    public static boolean sameExtensionValue(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof byte[] || actual instanceof byte[]) {
            byte[] e = bytes(expected);
            byte[] a = bytes(actual);
            return e != null && a != null && Arrays.equals(e, a);
        }
        if (expected instanceof OffsetDateTime || actual instanceof OffsetDateTime) {
            OffsetDateTime e = time(expected);
            OffsetDateTime a = time(actual);
            return e != null && a != null && e.toInstant().equals(a.toInstant());
        }
        return expected.toString().equals(actual.toString());
    }

    private static void compare(List<String> out, String attribute, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(attribute + ": expected " + show(expected) + " but got " + show(actual));
        }
    }

    private static void compareData(List<String> out, CloudEventData expectedData, CloudEventData actualData) {
        byte[] e = expectedData == null ? null : expectedData.toBytes();
        byte[] a = actualData == null ? null : actualData.toBytes();
        if (e == null || e.length == 0) {
            if (a != null && a.length > 0) {
                out.add("data: expected none but got " + a.length + " bytes");
            }
            return;
        }
        if (a == null) {
            out.add("data: expected " + e.length + " bytes but got none");
            return;
        }
        if (!Arrays.equals(e, a)) {
            int at = Arrays.mismatch(e, a);
            out.add("data: expected " + e.length + " bytes but got " + a.length + ", first difference at byte " + at);
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof String s) {
            try {
                return Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof String s) {
            try {
                return OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String show(Object value) {
        if (value == null) {
            return "<none>";
        }
        if (value instanceof byte[] b) {
            return "byte[" + b.length + "] " + Base64.getEncoder().encodeToString(b);
        }
        if (value instanceof String s) {
            return "\"" + s + "\" (String)";
        }
        if (value instanceof URI || value instanceof Number || value instanceof Boolean || value instanceof OffsetDateTime) {
            return value + " (" + value.getClass().getSimpleName() + ")";
        }
        return value.toString();
    }

    private static List<String> ids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::getId).toList();
    }
}
