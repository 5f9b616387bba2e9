package org.eson.adapters.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cloudevents.CloudEvent;
import org.eson.spi.bridge.Delivery;

/**
 * What one consumer group was handed, checked against the SPI's rules as it happens. A test
 * calls {@link #acking}/{@link #nacking} before settling, so that by the time the broker could
 * hand out a key's next event the tracker already knows the earlier one was settled, also with
 * several threads.
 */
final class GroupTracker {

    private final String group;
    private final Map<String, String> keyOf = new HashMap<>();
    private final Map<String, List<String>> byKey = new HashMap<>();
    private final Map<String, Integer> positionInKey = new HashMap<>();
    private final Map<String, Integer> publishIndex = new LinkedHashMap<>();
    private final Map<String, Integer> handOuts = new HashMap<>();
    private final Map<String, Integer> acks = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final List<String> firstDeliveries = new ArrayList<>();

    GroupTracker(String group) {
        this.group = group;
    }

    synchronized void published(CloudEvent event) {
        String id = event.getId();
        publishIndex.put(id, publishIndex.size());
        Object key = event.getExtension(StoredEvent.PARTITION_KEY);
        if (key != null) {
            keyOf.put(id, key.toString());
            List<String> ofKey = byKey.computeIfAbsent(key.toString(), k -> new ArrayList<>());
            positionInKey.put(id, ofKey.size());
            ofKey.add(id);
        }
    }

    synchronized void delivered(Delivery delivery) {
        String id = delivery.event().getId();
        check(publishIndex.containsKey(id), "unknown event " + id);
        check(!acks.containsKey(id), id + " handed out again after it was acked");
        check(inFlight.add(id), id + " handed out while already in flight");
        int count = handOuts.merge(id, 1, Integer::sum);
        check(delivery.deliveryCount() == count, id + " has deliveryCount " + delivery.deliveryCount() + ", expected " + count);
        String key = keyOf.get(id);
        if (key != null) {
            List<String> earlier = byKey.get(key).subList(0, positionInKey.get(id));
            for (String before : earlier) {
                check(acks.containsKey(before), id + " of key " + key + " handed out before " + before + " was settled");
            }
        }
        if (count == 1) {
            firstDeliveries.add(id);
        }
    }

    synchronized void delivered(Collection<Delivery> deliveries) {
        deliveries.forEach(this::delivered);
    }

    synchronized void acking(Delivery delivery) {
        String id = delivery.event().getId();
        check(inFlight.remove(id), id + " acked while not in flight");
        acks.merge(id, 1, Integer::sum);
    }

    synchronized void nacking(Delivery delivery) {
        String id = delivery.event().getId();
        check(inFlight.remove(id), id + " nacked while not in flight");
    }

    /** The source holding these closed: they are back with the group. */
    synchronized void released(Collection<Delivery> deliveries) {
        deliveries.forEach(d -> inFlight.remove(d.event().getId()));
    }

    synchronized boolean done() {
        return acks.size() == publishIndex.size();
    }

    synchronized int acked() {
        return acks.size();
    }

    /** Everything acked exactly once, and first deliveries of each key in publish order. */
    synchronized void verifyComplete(boolean checkUnkeyedFifo) {
        check(inFlight.isEmpty(), "still in flight: " + inFlight);
        for (String id : publishIndex.keySet()) {
            check(acks.getOrDefault(id, 0) == 1, id + " acked " + acks.getOrDefault(id, 0) + " times");
        }
        for (var entry : byKey.entrySet()) {
            List<String> firsts = firstDeliveries.stream().filter(entry.getValue()::contains).toList();
            check(firsts.equals(entry.getValue()), "key " + entry.getKey() + " first delivered as " + firsts);
        }
        if (checkUnkeyedFifo) {
            List<String> unkeyed = firstDeliveries.stream().filter(id -> !keyOf.containsKey(id)).toList();
            List<String> sorted = unkeyed.stream().sorted((a, b) -> publishIndex.get(a) - publishIndex.get(b)).toList();
            check(unkeyed.equals(sorted), "events without key first delivered out of publish order");
        }
    }

    private void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError("group " + group + ": " + problem);
        }
    }
}
