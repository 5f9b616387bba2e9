package org.eson.fnap.fns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SrvOrderTest {

    private static ServiceTarget t(String host, int priority, int weight) {
        return new ServiceTarget(host, 1000, priority, weight);
    }

    @Test
    void lowestPriorityFirst() {
        List<ServiceTarget> in = List.of(t("c", 30, 5), t("a", 10, 5), t("b", 20, 5));
        assertThat(SrvOrder.order(in, new Random(1))).extracting(ServiceTarget::host)
                .containsExactly("a", "b", "c");
    }

    @Test
    void seededRandomIsDeterministic() {
        List<ServiceTarget> in = List.of(t("a", 0, 10), t("b", 0, 20), t("c", 0, 30), t("d", 1, 0));
        List<ServiceTarget> first = SrvOrder.order(in, new Random(7));
        for (int i = 0; i < 5; i++) {
            assertThat(SrvOrder.order(in, new Random(7))).isEqualTo(first);
        }
        assertThat(first).hasSize(4).containsAll(in);
        assertThat(first.get(3).host()).isEqualTo("d");
    }

    @Test
    void weightThreeIsPickedFirstAboutThreeTimesAsOftenAsWeightOne() {
        List<ServiceTarget> in = List.of(t("light", 0, 1), t("heavy", 0, 3));
        Random random = new Random(2782);
        int heavy = 0;
        int draws = 4000;
        for (int i = 0; i < draws; i++) {
            if (SrvOrder.order(in, random).get(0).host().equals("heavy")) {
                heavy++;
            }
        }
        // Expected 3000 (sd ~27); the tolerance would still catch RFC 2782's 4:1 reading (3200).
        assertThat(heavy).isBetween(2850, 3150);
    }

    @Test
    void weightZeroComesFirstOnlyRarelyAmongWeightedTargets() {
        List<ServiceTarget> in = List.of(t("zero", 0, 0), t("ten", 0, 10), t("twenty", 0, 20));
        Random random = new Random(5);
        Map<String, Integer> firsts = new HashMap<>();
        int draws = 6200;
        for (int i = 0; i < draws; i++) {
            firsts.merge(SrvOrder.order(in, random).get(0).host(), 1, Integer::sum);
        }
        // Draws 0..30: "zero" wins on 0 only (1/31), the others by weight (10/31, 20/31).
        assertThat(firsts.get("zero")).isBetween(100, 320);
        assertThat(firsts.get("ten")).isBetween(1800, 2200);
        assertThat(firsts.get("twenty")).isBetween(3800, 4200);
    }

    @Test
    void allZeroWeightsShareTheLoad() {
        List<ServiceTarget> in = List.of(t("a", 0, 0), t("b", 0, 0));
        Random random = new Random(9);
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            firsts.add(SrvOrder.order(in, random).get(0).host());
        }
        assertThat(firsts).contains("a", "b");
    }
}
