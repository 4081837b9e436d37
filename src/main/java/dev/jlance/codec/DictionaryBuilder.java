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
 * Replaces a page's values by indices into a dictionary of its distinct values, in order of first
 * appearance (as official Lance numbers them). Variable-width values get indices as wide as their
 * offsets (32 or 64 bits); fixed-width values (128-bit, the only width official Lance
 * dictionary-encodes) get 32-bit indices.
 *
 * <p>Distinct values are found with an open-addressing table of first occurrences, comparing bytes
 * in place, so the page's values are never copied to the heap.
 */
public final class DictionaryBuilder {

    private DictionaryBuilder() {
    }

    /**
     * Dictionary-encodes {@code values}; indices and dictionary live in {@code arena}.
     *
     * @param expectedDistinct an estimate of the distinct values, to size the table
     */
    public static DictionaryBlock encode(DataBlock values, long expectedDistinct, OffHeapArena arena) {
        return switch (values) {
            case VariableWidthBlock v -> encodeVariable(v, expectedDistinct, arena);
            case FixedWidthBlock f when f.bitsPerValue() % 8 == 0 -> encodeFixed(f, expectedDistinct, arena);
            default -> throw new IllegalArgumentException("cannot dictionary-encode " + values.kind());
        };
    }

    private static DictionaryBlock encodeVariable(VariableWidthBlock v, long expectedDistinct, OffHeapArena arena) {
        long n = v.numValues();
        int w = v.bytesPerOffset();
        MemorySegment data = v.data().segment();
        MemorySegment indices = arena.allocate(Math.max(1, n) * w);
        FirstOccurrences table = new FirstOccurrences(Math.min(n, expectedDistinct));
        long dictBytes = 0;
        long start = v.offset(0);
        for (long i = 0; i < n; i++) {
            long end = v.offset(i + 1);
            long len = end - start;
            long hash = Hashing.hashBytes(data, start, len);
            int slot = table.home(hash);
            int index;
            while (true) {
                int entry = table.entry(slot);
                if (entry < 0) {
                    index = table.add(slot, hash, i);
                    dictBytes += len;
                    break;
                }
                if (table.hash(slot) == hash) {
                    long cs = v.offset(table.firstOccurrence(entry));
                    if (v.offset(table.firstOccurrence(entry) + 1) - cs == len
                            && MemorySegment.mismatch(data, cs, cs + len, data, start, end) < 0) {
                        index = entry;
                        break;
                    }
                }
                slot = table.next(slot);
            }
            if (w == 4) {
                indices.setAtIndex(Layouts.U32, i, index);
            } else {
                indices.setAtIndex(Layouts.U64, i, index);
            }
            start = end;
        }
        int card = table.size();
        MemorySegment dictOffsets = arena.allocate((card + 1L) * w);
        MemorySegment dictData = arena.allocate(Math.max(1, dictBytes));
        long at = 0;
        for (int d = 0; d < card; d++) {
            long src = table.firstOccurrence(d);
            long s = v.offset(src);
            long len = v.offset(src + 1) - s;
            putOffset(dictOffsets, d, at, w);
            MemorySegment.copy(data, s, dictData, at, len);
            at += len;
        }
        putOffset(dictOffsets, card, at, w);
        VariableWidthBlock dictionary = new VariableWidthBlock(new LanceBuffer(dictOffsets),
                new LanceBuffer(dictData.asSlice(0, dictBytes)), v.bitsPerOffset(), card);
        FixedWidthBlock idx = new FixedWidthBlock(new LanceBuffer(indices.asSlice(0, n * w)), w * 8, n);
        return new DictionaryBlock(idx, dictionary);
    }

    private static DictionaryBlock encodeFixed(FixedWidthBlock f, long expectedDistinct, OffHeapArena arena) {
        long n = f.numValues();
        long w = f.bytesPerValue();
        MemorySegment data = f.data().segment();
        MemorySegment indices = arena.allocate(Math.max(1, n) * 4);
        FirstOccurrences table = new FirstOccurrences(Math.min(n, expectedDistinct));
        for (long i = 0; i < n; i++) {
            long at = i * w;
            long hash = Hashing.hashBytes(data, at, w);
            int slot = table.home(hash);
            int index;
            while (true) {
                int entry = table.entry(slot);
                if (entry < 0) {
                    index = table.add(slot, hash, i);
                    break;
                }
                long c = table.firstOccurrence(entry) * w;
                if (table.hash(slot) == hash && MemorySegment.mismatch(data, c, c + w, data, at, at + w) < 0) {
                    index = entry;
                    break;
                }
                slot = table.next(slot);
            }
            indices.setAtIndex(Layouts.U32, i, index);
        }
        int card = table.size();
        MemorySegment dict = arena.allocate(Math.max(1, card * w));
        for (int d = 0; d < card; d++) {
            MemorySegment.copy(data, table.firstOccurrence(d) * w, dict, d * w, w);
        }
        return new DictionaryBlock(new FixedWidthBlock(new LanceBuffer(indices.asSlice(0, n * 4)), 32, n),
                new FixedWidthBlock(new LanceBuffer(dict.asSlice(0, card * w)), f.bitsPerValue(), card));
    }

    private static void putOffset(MemorySegment offsets, long i, long value, int w) {
        if (w == 4) {
            offsets.setAtIndex(Layouts.U32, i, (int) value);
        } else {
            offsets.setAtIndex(Layouts.U64, i, value);
        }
    }

    /**
     * Open addressing with linear probing: each slot holds a dictionary index + 1 (0 = empty) and
     * that entry's hash, so most mismatches are rejected without touching the values. Callers walk
     * the probe sequence themselves ({@link #home}, {@link #next}) to compare values in place.
     */
    private static final class FirstOccurrences {
        private int[] slots;
        private long[] hashes;
        private long[] firsts = new long[64];
        private int size;
        private int mask;

        FirstOccurrences(long expected) {
            // room for the estimate at half load; the table grows if the estimate was low
            long want = Math.min(1 << 24, Math.max(64, expected * 2));
            allocate(Math.max(128, Integer.highestOneBit((int) want - 1) << 1));
        }

        private void allocate(int capacity) {
            slots = new int[capacity];
            hashes = new long[capacity];
            mask = capacity - 1;
        }

        int home(long hash) {
            return (int) hash & mask;
        }

        int next(int slot) {
            return (slot + 1) & mask;
        }

        /** The dictionary index in {@code slot}, or -1 when it is empty. */
        int entry(int slot) {
            return slots[slot] - 1;
        }

        long hash(int slot) {
            return hashes[slot];
        }

        /** Adds the value first seen at {@code first} in the empty {@code slot}; returns its index. */
        int add(int slot, long hash, long first) {
            if (size == firsts.length) {
                firsts = Arrays.copyOf(firsts, size * 2);
            }
            firsts[size] = first;
            int index = size++;
            slots[slot] = index + 1;
            hashes[slot] = hash;
            if (size * 2L > slots.length) {
                grow();
            }
            return index;
        }

        private void grow() {
            int[] oldSlots = slots;
            long[] oldHashes = hashes;
            allocate(oldSlots.length * 2);
            for (int s = 0; s < oldSlots.length; s++) {
                if (oldSlots[s] != 0) {
                    int t = (int) oldHashes[s] & mask;
                    while (slots[t] != 0) {
                        t = (t + 1) & mask;
                    }
                    slots[t] = oldSlots[s];
                    hashes[t] = oldHashes[s];
                }
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
