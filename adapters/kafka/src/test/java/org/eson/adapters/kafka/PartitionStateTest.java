package org.eson.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class PartitionStateTest {

    @Test
    void commitsOnlyTheAcknowledgedPrefix() {
        var s = new PartitionState();
        for (long o = 5; o <= 9; o++) {
            s.deliver(o, 100 + o);
        }
        assertThat(s.committable()).isEmpty(); // nothing acked: the group's position is already 5
        s.ack(7, 107);
        assertThat(s.committable()).isEmpty();
        s.ack(5, 105);
        assertThat(s.committable()).isEqualTo(OptionalLong.of(6));
        s.committed(6);
        assertThat(s.committable()).isEmpty();
        s.ack(6, 106);
        assertThat(s.committable()).isEqualTo(OptionalLong.of(8));
        s.committed(8);
        s.ack(8, 108);
        s.ack(9, 109);
        assertThat(s.committable()).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void nackTakesBackLaterDeliveriesAndCountsRedeliveries() {
        var s = new PartitionState();
        s.deliver(0, 1);
        s.deliver(1, 2);
        s.deliver(2, 3);
        s.ack(1, 2);
        assertThat(s.nack(0, 1)).isTrue();
        assertThat(s.ack(2, 3)).as("stale after the rewind").isFalse();
        assertThat(s.isAcked(1)).isTrue();
        assertThat(s.deliver(0, 4)).isEqualTo(2);
        assertThat(s.deliver(2, 5)).isEqualTo(2);
        assertThat(s.nack(0, 1)).as("stale nack").isFalse();
        s.ack(0, 4);
        s.ack(2, 5);
        assertThat(s.committable()).isEqualTo(OptionalLong.of(3));
        assertThat(s.unsettled()).isZero();
    }

    @Test
    void skippedRecordsCountAsAcknowledged() {
        var s = new PartitionState();
        s.skip(0);
        s.deliver(1, 1);
        assertThat(s.committable()).isEqualTo(OptionalLong.of(1));
        s.committed(1);
        s.ack(1, 1);
        assertThat(s.committable()).isEqualTo(OptionalLong.of(2));
    }

    @Test
    void acknowledgedOffsetsBelowTheCommitPointAreDuplicates() {
        var s = new PartitionState();
        s.deliver(0, 1);
        s.deliver(1, 2);
        s.ack(0, 1);
        s.ack(1, 2);
        assertThat(s.committable()).isEqualTo(OptionalLong.of(2));
        assertThat(s.isAcked(0)).isTrue();
        assertThat(s.isAcked(1)).isTrue();
        assertThat(s.isAcked(2)).isFalse();
    }

    @Test
    void doubleAckIsIgnored() {
        var s = new PartitionState();
        s.deliver(3, 9);
        assertThat(s.ack(3, 9)).isTrue();
        assertThat(s.ack(3, 9)).isFalse();
        assertThat(s.nack(3, 9)).isFalse();
    }
}
