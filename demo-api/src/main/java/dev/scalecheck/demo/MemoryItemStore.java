package dev.scalecheck.demo;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The memory-state fault: items only this process can see, the per-replica state bug. */
final class MemoryItemStore implements ItemStore {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Item> items = new ConcurrentHashMap<>();

    @Override
    public long create(String body, String createdBy) {
        long id = ids.incrementAndGet();
        items.put(id, new Item(id, body, createdBy));
        return id;
    }

    @Override
    public Optional<Item> find(long id) {
        return Optional.ofNullable(items.get(id));
    }
}
