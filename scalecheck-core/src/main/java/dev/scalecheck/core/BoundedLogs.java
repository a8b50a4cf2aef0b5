package dev.scalecheck.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The replicas' lines as kept in memory: per replica, every line the checks judge by (up to a
 * limit) and the last lines of the others; the rest is counted and left to the replica's log
 * files, which hold every line. A replica printing 100 MB costs a few thousand lines here.
 */
public final class BoundedLogs {
    public static final int RECENT = 2000;
    public static final int JUDGED = 10_000;

    private final Predicate<String> judged;
    private final int recentLimit;
    private final int judgedLimit;
    private final Function<String, String> whereAll;
    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private long sequence;

    /**
     * @param judged the lines that matter wherever they are in a log (ANSI codes already stripped)
     * @param whereAll where a replica's every line is, by replica id, for the note on what was not kept
     */
    public BoundedLogs(Predicate<String> judged, int recentLimit, int judgedLimit, Function<String, String> whereAll) {
        this.judged = judged;
        this.recentLimit = recentLimit;
        this.judgedLimit = judgedLimit;
        this.whereAll = whereAll;
    }

    /** One line as it arrives; thread-safe. */
    public void add(LogLine line) {
        // matched outside the lock: the tail threads of all replicas call in at once
        boolean matters = judged.test(LogLine.stripAnsi(line.text()));
        synchronized (this) {
            Replica replica = replicas.computeIfAbsent(line.replica(), id -> new Replica());
            Entry entry = new Entry(sequence++, line);
            if (matters && replica.judged.size() < judgedLimit) {
                replica.judged.add(entry);
                return;
            }
            replica.recent.addLast(entry);
            if (replica.recent.size() > recentLimit) {
                replica.dropped(replica.recent.removeFirst());
            }
        }
    }

    /**
     * The lines kept, in time order, and for each replica that lost some a note in their place:
     * how many, and where they all are.
     */
    public synchronized List<LogLine> lines() {
        List<Entry> all = new ArrayList<>();
        replicas.forEach((id, replica) -> {
            all.addAll(replica.judged);
            all.addAll(replica.recent);
            if (replica.dropped > 0) {
                all.add(new Entry(replica.lastDropped.sequence(), new LogLine(replica.lastDropped.line().at(), id,
                        LogLine.Stream.STDOUT, "[scalecheck: " + replica.dropped + " earlier line" + (replica.dropped == 1 ? "" : "s")
                        + " of " + id + " not kept in memory (kept: the lines the checks read and the last " + recentLimit
                        + "); every line is in " + whereAll.apply(id) + "]")));
            }
        });
        all.sort(Comparator.comparing((Entry e) -> e.line().at()).thenComparingLong(Entry::sequence));
        return all.stream().map(Entry::line).toList();
    }

    /** How many lines are held in memory now. */
    public synchronized int held() {
        return replicas.values().stream().mapToInt(r -> r.judged.size() + r.recent.size()).sum();
    }

    /** How many of a replica's lines were left to its log files. */
    public synchronized long dropped(String replica) {
        Replica kept = replicas.get(replica);
        return kept == null ? 0 : kept.dropped;
    }

    private record Entry(long sequence, LogLine line) {}

    private static final class Replica {
        final List<Entry> judged = new ArrayList<>();
        final Deque<Entry> recent = new ArrayDeque<>();
        long dropped;
        Entry lastDropped;

        void dropped(Entry entry) {
            dropped++;
            lastDropped = entry;
        }
    }
}
