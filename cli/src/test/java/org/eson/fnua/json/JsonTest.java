package org.eson.fnua.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesTheCharactersJsonRequires() {
        assertThat(Json.quote("plain")).isEqualTo("\"plain\"");
        assertThat(Json.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(Json.quote("C:\\path")).isEqualTo("\"C:\\\\path\"");
        assertThat(Json.quote("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
        assertThat(Json.quote("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(Json.quote("del\u007f")).isEqualTo("\"del\\u007f\"");
        assertThat(Json.quote("/")).isEqualTo("\"/\"");
    }

    @Test
    void keepsUnicodeButEscapesWhatBreaksJavaScriptOrUtf8() {
        assertThat(Json.quote("ñandú €")).isEqualTo("\"ñandú €\"");
        assertThat(Json.quote("😀")).isEqualTo("\"😀\"");
        assertThat(Json.quote("a\u2028b\u2029")).isEqualTo("\"a\\u2028b\\u2029\"");
        // Lone surrogates have no UTF-8 encoding; escaped, the output stays valid.
        assertThat(Json.quote("x\ud800y")).isEqualTo("\"x\\ud800y\"");
        assertThat(Json.quote("\udc00")).isEqualTo("\"\\udc00\"");
        assertThat(Json.quote("\ud83d")).isEqualTo("\"\\ud83d\"");
    }

    @Test
    void writesNestedStructuresInOrder() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("flow", "time.flows.unix.ar");
        description.put("type", "memory");
        description.put("server", "kf1.unix.ar:9092");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("flow", "time.flows.unix.ar");
        root.put("description", description);
        assertThat(Json.write(root)).isEqualTo("{\"flow\":\"time.flows.unix.ar\",\"description\":"
                + "{\"flow\":\"time.flows.unix.ar\",\"type\":\"memory\",\"server\":"
                + "\"kf1.unix.ar:9092\"}}");
    }

    @Test
    void writesScalarsListsAndEmptyValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", 61000);
        m.put("t", true);
        m.put("f", false);
        m.put("none", null);
        m.put("empty", Optional.empty());
        m.put("some", Optional.of("x"));
        m.put("list", List.of("a", "b"));
        m.put("nothing", new ArrayList<>());
        m.put("nested", List.of(Map.of(), List.of(1.5)));
        m.put("key \"q\"", "v");
        assertThat(Json.write(m)).isEqualTo("{\"n\":61000,\"t\":true,\"f\":false,\"none\":null,"
                + "\"empty\":null,\"some\":\"x\",\"list\":[\"a\",\"b\"],\"nothing\":[],"
                + "\"nested\":[{},[1.5]],\"key \\\"q\\\"\":\"v\"}");
        assertThat(Json.write(Arrays.asList("a", null))).isEqualTo("[\"a\",null]");
    }

    @Test
    void refusesWhatJsonCannotRepresent() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Float.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
