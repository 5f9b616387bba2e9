package org.eson.gateway.flows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlowRecordTest {

    @Test
    void createdAtKeepsMicroseconds() {
        Instant precise = Instant.parse("2026-01-02T03:04:05.123456789Z");

        assertThat(new FlowRecord("a.ns", "ns", "o", "b", precise).createdAt())
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }
}
