package dev.jlance.repdef;

/**
 * Which slots of the vector below a layer the level entries show, as runs: entries
 * {@code at .. at+len-1} show slots {@code start .. start+len-1}. An entry in no run shows no slot
 * (it is null or empty above). A list of short items makes hundreds of thousands of entries per
 * batch but few runs, since consecutive lists usually hold consecutive items; shredding by runs
 * spares it an index per entry and lets the loops over entries run over plain ranges.
 */
final class SlotRuns {

    private int[] at;
    private int[] start;
    private int[] len;
    private int count;

    /** Room for {@code capacity} runs that do not join, in arrays from {@code scratch}. */
    SlotRuns(int capacity, LevelScratch scratch) {
        at = scratch.ints(capacity);
        start = scratch.ints(capacity);
        len = scratch.ints(capacity);
    }

    /** One run of {@code n} entries showing slots {@code 0 .. n-1}: the rows of a batch. */
    static SlotRuns identity(int n, LevelScratch scratch) {
        SlotRuns runs = new SlotRuns(1, scratch);
        runs.add(0, 0, n);
        return runs;
    }

    /** Adds a run after the others, joining it to the last when both its entries and slots follow on. */
    void add(int entryAt, int slotStart, int length) {
        if (length == 0) {
            return;
        }
        int last = count - 1;
        if (last >= 0 && at[last] + len[last] == entryAt && start[last] + len[last] == slotStart) {
            len[last] += length;
        } else {
            at[count] = entryAt;
            start[count] = slotStart;
            len[count] = length;
            count++;
        }
    }

    int count() {
        return count;
    }

    int at(int run) {
        return at[run];
    }

    int start(int run) {
        return start[run];
    }

    int length(int run) {
        return len[run];
    }

    /** Entries in runs: the slots shown. */
    long entries() {
        long n = 0;
        for (int r = 0; r < count; r++) {
            n += len[r];
        }
        return n;
    }

    /** Hands the arrays back; this object is not used again. */
    void release(LevelScratch scratch) {
        scratch.give(at);
        scratch.give(start);
        scratch.give(len);
        at = null;
        start = null;
        len = null;
        count = 0;
    }
}
