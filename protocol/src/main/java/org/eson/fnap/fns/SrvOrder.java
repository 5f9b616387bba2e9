package org.eson.fnap.fns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The target selection order of RFC 2782 ("Usage rules"), computed once for the whole list so a
 * caller can simply try the targets front to back.
 */
final class SrvOrder {

    private SrvOrder() {
    }

    /**
     * Orders targets: ascending priority; within one priority a weighted random permutation.
     *
     * <p>Within a priority the RFC's loop is followed: weight-0 targets are placed first, a number
     * is drawn between 0 and the sum of the remaining weights, and the first target whose running
     * sum reaches it is taken. Read literally, drawing 0 also picks the first positive-weight
     * target when no weight-0 target is left, which skews 3:1 weights to 4:1. The draw is
     * therefore from 1 to the sum when no weight-0 target remains, giving every target exactly its
     * share; when one does remain, drawing 0 picks it, which is the "very small chance" the RFC
     * wants weight-0 targets to have.
     *
     * @param targets targets in any order
     * @param random  source of the draws; injectable so that tests can be deterministic
     * @return a new list in selection order
     */
    static List<ServiceTarget> order(List<ServiceTarget> targets, RandomGenerator random) {
        Map<Integer, List<ServiceTarget>> byPriority = new TreeMap<>();
        for (ServiceTarget t : targets) {
            byPriority.computeIfAbsent(t.priority(), p -> new ArrayList<>()).add(t);
        }
        List<ServiceTarget> ordered = new ArrayList<>(targets.size());
        for (List<ServiceTarget> group : byPriority.values()) {
            // "Arrange in any order": shuffled, so equal weight-0 targets share the load instead
            // of the first published one always winning. The sort is stable, keeping the shuffle.
            List<ServiceTarget> pool = new ArrayList<>(group);
            Collections.shuffle(pool, random);
            pool.sort(Comparator.comparingInt(t -> t.weight() == 0 ? 0 : 1));
            while (!pool.isEmpty()) {
                long total = 0;
                for (ServiceTarget t : pool) {
                    total += t.weight();
                }
                boolean zeroLeft = pool.get(0).weight() == 0;
                long draw = zeroLeft ? random.nextLong(total + 1) : 1 + random.nextLong(total);
                long running = 0;
                int chosen = pool.size() - 1;
                for (int i = 0; i < pool.size(); i++) {
                    running += pool.get(i).weight();
                    if (running >= draw) {
                        chosen = i;
                        break;
                    }
                }
                ordered.add(pool.remove(chosen));
            }
        }
        return ordered;
    }
}
