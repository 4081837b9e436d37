package dev.jlance.codec;

import dev.jlance.data.DataBlock;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.Hashing;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Replaces a page's values by 32-bit indices into a dictionary of its distinct values, numbered in
 * order of first appearance, as official Lance 7.0.0 does. Each slot's bytes are its value, null
 * slots included (a null string is the empty string), exactly as there.
 *
 * <p>Distinct values are found with an open-addressing table of first occurrences that compares
 * bytes in place, so the page's values are never copied to the heap; building stops as soon as the
 * dictionary would exceed the caller's entry limit.
 */
public final class DictionaryBuilder {

    /** Slots of the smallest table, the one a page of a few values gets. */
    static final int SMALLEST_TABLE = 128;

    private DictionaryBuilder() {
    }

    /**
     * The hash of a value of {@code len <= 16} bytes read as two little-endian, zero-padded words:
     * the two words multiplied side by side, then one finaliser (three multiplies in a row, not
     * four). Package-visible so tests can pick values whose hashes collide.
     */
    static long shortValueHash(long w0, long w1, int len) {
        return Hashing.mix((w0 ^ Hashing.SEED) * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(w1 * 0xA0761D6478BD642FL, 29) ^ len);
    }

    /** Whether {@link #encode} accepts this kind of block. */
    public static boolean supports(DataBlock values) {
        return values instanceof VariableWidthBlock || values instanceof FixedWidthBlock f && f.bitsPerValue() % 8 == 0;
    }

    /**
     * Dictionary-encodes {@code values} into {@code arena}; null when it has more than
     * {@code maxEntries} distinct values.
     */
    public static DictionaryBlock encode(DataBlock values, long maxEntries, OffHeapArena arena) {
        Slots slots = Slots.of(values);
        long n = values.numValues();
        FirstOccurrences table = FirstOccurrences.open(Math.min(n, Math.min(maxEntries, 1 << 16)));
        try {
            // every index is written before it is read
            MemorySegment indices = arena.allocateUninitialized(Math.max(1, n) * 4);
            if (!slots.numberAll(table, indices, maxEntries)) {
                return null;
            }
            FixedWidthBlock idx = new FixedWidthBlock(new LanceBuffer(indices.asSlice(0, n * 4)), 32, n);
            return new DictionaryBlock(idx, slots.gather(table, arena));
        } finally {
            table.close();
        }
    }

    /**
     * Distinct values among {@code count} slots taken every {@code stride} slots from 0 (official
     * Lance's near-uniqueness sample).
     */
    public static int distinctInSample(DataBlock values, long stride, int count) {
        Slots slots = Slots.of(values);
        FirstOccurrences table = FirstOccurrences.open(count);
        try {
            MemorySegment data = slots.data();
            for (long k = 0; k < count; k++) {
                long i = k * stride;
                table.indexOf(data, slots.start(i), slots.length(i), i);
            }
            return table.size();
        } finally {
            table.close();
        }
    }

    /** Where each slot's bytes are, for either kind of block. */
    private sealed interface Slots {
        MemorySegment data();

        long start(long i);

        long length(long i);

        DataBlock gather(FirstOccurrences table, OffHeapArena arena);

        /**
         * Writes every slot's dictionary index into {@code indices}, as 32-bit numbers; false as
         * soon as an index reaches {@code maxEntries}. Each kind walks its slots in one loop of its
         * own (for strings, each offset read once), which is most of a dictionary page's work.
         */
        boolean numberAll(FirstOccurrences table, MemorySegment indices, long maxEntries);

        static Slots of(DataBlock values) {
            return switch (values) {
                case VariableWidthBlock v -> new Variable(v);
                case FixedWidthBlock f when f.bitsPerValue() % 8 == 0 -> new Fixed(f);
                default -> throw new IllegalArgumentException("cannot dictionary-encode " + values.kind());
            };
        }
    }

    private record Variable(VariableWidthBlock block) implements Slots {
        @Override
        public MemorySegment data() {
            return block.data().segment();
        }

        @Override
        public long start(long i) {
            return block.offset(i);
        }

        @Override
        public long length(long i) {
            return block.offset(i + 1) - block.offset(i);
        }

        @Override
        public boolean numberAll(FirstOccurrences table, MemorySegment indices, long maxEntries) {
            MemorySegment data = data();
            MemorySegment offsets = block.offsets().segment();
            long n = block.numValues();
            // a loop per offset width, so each reads its offsets with one fixed load and no branch
            if (block.bitsPerOffset() == 32) {
                long start = Integer.toUnsignedLong(offsets.getAtIndex(Layouts.U32, 0));
                for (long i = 0; i < n; i++) {
                    long end = Integer.toUnsignedLong(offsets.getAtIndex(Layouts.U32, i + 1));
                    int index = table.indexOf(data, start, end - start, i);
                    if (index >= maxEntries) {
                        return false;
                    }
                    indices.setAtIndex(Layouts.U32, i, index);
                    start = end;
                }
            } else {
                long start = offsets.getAtIndex(Layouts.U64, 0);
                for (long i = 0; i < n; i++) {
                    long end = offsets.getAtIndex(Layouts.U64, i + 1);
                    int index = table.indexOf(data, start, end - start, i);
                    if (index >= maxEntries) {
                        return false;
                    }
                    indices.setAtIndex(Layouts.U32, i, index);
                    start = end;
                }
            }
            return true;
        }

        /** Entries keep the page's offset width, so large types get 64-bit dictionary offsets. */
        @Override
        public DataBlock gather(FirstOccurrences table, OffHeapArena arena) {
            int card = table.size();
            int w = block.bytesPerOffset();
            long bytes = 0;
            for (int d = 0; d < card; d++) {
                bytes += length(table.firstOccurrence(d));
            }
            MemorySegment offsets = arena.allocate((card + 1L) * w);
            MemorySegment out = arena.allocate(Math.max(1, bytes));
            long at = 0;
            for (int d = 0; d < card; d++) {
                long src = table.firstOccurrence(d);
                long len = length(src);
                putOffset(offsets, d, at, w);
                MemorySegment.copy(data(), start(src), out, at, len);
                at += len;
            }
            putOffset(offsets, card, at, w);
            return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(out.asSlice(0, bytes)),
                    block.bitsPerOffset(), card);
        }

        private static void putOffset(MemorySegment offsets, long i, long value, int w) {
            if (w == 4) {
                offsets.setAtIndex(Layouts.U32, i, (int) value);
            } else {
                offsets.setAtIndex(Layouts.U64, i, value);
            }
        }
    }

    private record Fixed(FixedWidthBlock block) implements Slots {
        @Override
        public MemorySegment data() {
            return block.data().segment();
        }

        @Override
        public long start(long i) {
            return i * block.bytesPerValue();
        }

        @Override
        public long length(long i) {
            return block.bytesPerValue();
        }

        @Override
        public boolean numberAll(FirstOccurrences table, MemorySegment indices, long maxEntries) {
            MemorySegment data = data();
            long w = block.bytesPerValue();
            long n = block.numValues();
            for (long i = 0; i < n; i++) {
                int index = table.indexOf(data, i * w, w, i);
                if (index >= maxEntries) {
                    return false;
                }
                indices.setAtIndex(Layouts.U32, i, index);
            }
            return true;
        }

        @Override
        public DataBlock gather(FirstOccurrences table, OffHeapArena arena) {
            int card = table.size();
            long w = block.bytesPerValue();
            MemorySegment out = arena.allocate(Math.max(1, card * w));
            for (int d = 0; d < card; d++) {
                MemorySegment.copy(data(), table.firstOccurrence(d) * w, out, d * w, w);
            }
            return new FixedWidthBlock(new LanceBuffer(out.asSlice(0, card * w)), block.bitsPerValue(), card);
        }
    }

    /**
     * Open addressing with linear probing. Each slot is one long: the top 24 bits of the entry's
     * hash, its length (capped at 255) and its dictionary index + 1 (0 = empty), so a probe
     * touches one array and most mismatches, of hash or of length, are rejected without touching
     * the values. A value of at most {@link #HEAD_BYTES} bytes is then compared with the two words
     * its entry keeps (16 bytes, four entries to a cache line), a longer one with its first
     * occurrence.
     */
    private static final class FirstOccurrences {
        /**
         * Largest table a thread keeps between pages (slots), and its most entries: enough for a
         * page that reaches official's cardinality limit ({@code DictionaryRule.DICT_MAX_CARDINALITY},
         * 100,000) before it gives up, which high-cardinality string pages do on every page. Such a
         * table holds about 10 MB of heap per thread; bigger ones are dropped after use.
         */
        private static final int KEEP_SLOTS = 1 << 18;
        private static final int KEEP_ENTRIES = 1 << 17;
        /** Slots a table starts with at most: it grows with the entries, not with the page's size. */
        private static final int START_SLOTS = 1 << 13;
        /** Values up to this long are kept in the entry and compared there. */
        private static final int HEAD_BYTES = 16;
        /** The bits of a slot that hold the hash's top 24 bits and the length. */
        private static final long KEY_BITS = 0xFFFF_FFFF_0000_0000L;
        /** The bits of a hash a slot keeps. */
        private static final long TAG_BITS = 0xFFFF_FF00_0000_0000L;
        /** Largest length a slot holds; longer values share it and compare their full lengths. */
        private static final long SLOT_LENGTH_CAP = 255;
        /**
         * For a value of {@code len <= HEAD_BYTES} bytes read as two little-endian words: at
         * {@code len} the mask of its bytes in the first word, at {@code HEAD_BYTES + 1 + len} in
         * the second.
         */
        private static final long[] HEAD_MASKS = headMasks();
        /** The calling thread's idle table, reused so steady-state encoding allocates no tables. */
        private static final ThreadLocal<FirstOccurrences> IDLE = new ThreadLocal<>();

        private long[] slots;
        /** The array the table last grew out of, kept to grow into next time instead of allocating. */
        private long[] spare;
        /** Per entry: the slot of its first occurrence, where its bytes are, its length and full hash. */
        private long[] firsts = new long[64];
        private long[] starts = new long[64];
        private long[] lengths = new long[64];
        private long[] hashes = new long[64];
        /**
         * Per entry, two words: for a value of at most {@link #HEAD_BYTES} bytes, its bytes
         * (little-endian, zero-padded). Only these and the slots are read on a hit, and at 16
         * bytes an entry they stay within this core's cache on pages of tens of thousands of
         * distinct values, where a 32-byte entry with the hash and the length did not.
         */
        private long[] heads = new long[64 * 2];
        private int size;
        private int mask;

        private FirstOccurrences() {
        }

        private static long[] headMasks() {
            long[] masks = new long[2 * (HEAD_BYTES + 1)];
            for (int len = 0; len <= HEAD_BYTES; len++) {
                masks[len] = byteMask(Math.min(len, 8));
                masks[HEAD_BYTES + 1 + len] = byteMask(Math.max(0, len - 8));
            }
            return masks;
        }

        /** The low {@code bytes} bytes of a word set ({@code bytes <= 8}). */
        private static long byteMask(int bytes) {
            return bytes == 8 ? -1L : (1L << (bytes << 3)) - 1;
        }

        /** An empty table for about {@code expected} entries: the thread's idle one when it has one. */
        static FirstOccurrences open(long expected) {
            // room for the expected entries at half load, up to START_SLOTS; the table grows past that
            long want = Math.min(START_SLOTS, Math.max(64, expected * 2));
            int capacity = Math.max(SMALLEST_TABLE, Integer.highestOneBit((int) want - 1) << 1);
            FirstOccurrences t = IDLE.get();
            if (t == null) {
                t = new FirstOccurrences();
            } else {
                IDLE.remove();
            }
            t.size = 0;
            if (t.slots != null && t.slots.length >= capacity) {
                Arrays.fill(t.slots, 0, capacity, 0L);
                t.mask = capacity - 1;
            } else {
                t.allocate(capacity);
            }
            return t;
        }

        /** Hands the table back to the thread for its next page. */
        void close() {
            if (slots.length <= KEEP_SLOTS && firsts.length <= KEEP_ENTRIES
                    && (spare == null || spare.length <= KEEP_SLOTS)) {
                IDLE.set(this);
            }
        }

        private void allocate(int capacity) {
            slots = new long[capacity];
            mask = capacity - 1;
        }

        /** The slot bits of a value with this hash and length, before its index is added. */
        private static long key(long hash, long len) {
            return (hash & TAG_BITS) | (Math.min(len, SLOT_LENGTH_CAP) << 32);
        }

        /**
         * The dictionary index of slot {@code i}, whose value is the {@code len} bytes at
         * {@code start} of {@code data}, adding it if it is new.
         */
        int indexOf(MemorySegment data, long start, long len, long i) {
            if (len <= HEAD_BYTES) {
                return indexOfShort(data, start, (int) len, i);
            }
            long hash = Hashing.hashBytes(data, start, len);
            long key = key(hash, len);
            int s = (int) hash & mask;
            while (true) {
                long slot = slots[s];
                if (slot == 0) {
                    return add(s, hash, key, i, start, len, 0, 0);
                }
                int entry = (int) slot - 1;
                if ((slot & KEY_BITS) == key && lengths[entry] == len && sameBytes(data, starts[entry], start, len)) {
                    return entry;
                }
                s = (s + 1) & mask;
            }
        }

        /**
         * {@link #indexOf} for a value of at most {@link #HEAD_BYTES} bytes, which is compared with
         * the copy of its bytes the entry keeps: no trip to the first occurrence, which lies
         * anywhere in the page and is usually out of cache.
         */
        private int indexOfShort(MemorySegment data, long start, int len, long i) {
            long w0;
            long w1;
            if (start + HEAD_BYTES <= data.byteSize()) {
                // masks from a table, not branches: on most pages the length changes from value to value
                w0 = data.get(Layouts.U64, start) & HEAD_MASKS[len];
                w1 = data.get(Layouts.U64, start + 8) & HEAD_MASKS[HEAD_BYTES + 1 + len];
            } else { // the last values of the buffer: no reading past its end
                w0 = littleEndian(data, start, Math.min(len, 8));
                w1 = len > 8 ? littleEndian(data, start + 8, len - 8) : 0;
            }
            long hash = shortValueHash(w0, w1, len);
            long key = key(hash, len);
            int s = (int) hash & mask;
            while (true) {
                long slot = slots[s];
                if (slot == 0) {
                    return add(s, hash, key, i, start, len, w0, w1);
                }
                int entry = (int) slot - 1;
                if ((slot & KEY_BITS) == key && heads[2 * entry] == w0 && heads[2 * entry + 1] == w1) {
                    return entry;
                }
                s = (s + 1) & mask;
            }
        }

        /** The {@code n <= 8} bytes at {@code at} as a little-endian number. */
        private static long littleEndian(MemorySegment data, long at, int n) {
            long w = 0;
            for (int b = 0; b < n; b++) {
                w |= (data.get(Layouts.U8, at + b) & 0xFFL) << (b << 3);
            }
            return w;
        }

        /** Whether the {@code len} bytes at {@code a} and at {@code b} are equal. */
        private static boolean sameBytes(MemorySegment data, long a, long b, long len) {
            if (len > 64) {
                return MemorySegment.mismatch(data, a, a + len, data, b, b + len) < 0;
            }
            // short values (the usual dictionary entry): word compares beat mismatch's setup
            long i = 0;
            for (; i + 8 <= len; i += 8) {
                if (data.get(Layouts.U64, a + i) != data.get(Layouts.U64, b + i)) {
                    return false;
                }
            }
            for (; i < len; i++) {
                if (data.get(Layouts.U8, a + i) != data.get(Layouts.U8, b + i)) {
                    return false;
                }
            }
            return true;
        }

        private int add(int slot, long hash, long key, long first, long start, long len, long head0, long head1) {
            if (size == firsts.length) {
                firsts = Arrays.copyOf(firsts, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
                heads = Arrays.copyOf(heads, size * 4);
            }
            firsts[size] = first;
            starts[size] = start;
            lengths[size] = len;
            hashes[size] = hash;
            heads[2 * size] = head0;
            heads[2 * size + 1] = head1;
            int index = size++;
            slots[slot] = key | (index + 1L);
            if (size * 2L > mask + 1L) {
                grow();
            }
            return index;
        }

        /** Doubles the slots and places every entry again, from the hashes the entries keep. */
        private void grow() {
            int capacity = (mask + 1) * 2;
            long[] next = spare != null && spare.length >= capacity ? spare : new long[capacity];
            Arrays.fill(next, 0, capacity, 0L);
            spare = slots;
            slots = next;
            mask = capacity - 1;
            for (int e = 0; e < size; e++) {
                long hash = hashes[e];
                int t = (int) hash & mask;
                while (slots[t] != 0) {
                    t = (t + 1) & mask;
                }
                slots[t] = key(hash, lengths[e]) | (e + 1L);
            }
        }

        long firstOccurrence(int index) {
            return firsts[index];
        }

        int size() {
            return size;
        }
    }
}
