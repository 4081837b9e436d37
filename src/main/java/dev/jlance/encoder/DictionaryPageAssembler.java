package dev.jlance.encoder;

import dev.jlance.arrow.ArrowDictionaries;
import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.codec.DictionaryBuilder;
import dev.jlance.data.DataBlock;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.DictionaryType;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the pieces of a page of an Arrow dictionary-encoded column (keys plus their dictionary)
 * into the page's indices and its one dictionary, as official Lance stores such input: indices as
 * wide as the keys, nulls only in the indices.
 *
 * <ul>
 * <li>Null entries of a dictionary are dropped and keys that pointed at them become null keys.
 * <li>Pieces that share one dictionary keep it as it is, unused entries included; their keys are
 * used without a copy when nothing needs remapping or zeroing.
 * <li>Pieces with different dictionaries get one merged dictionary of their distinct values
 * (first-occurrence order) and their keys are remapped into it; the accumulation queue has already
 * ended the page before the dictionaries together could outgrow what the keys address.
 * <li>Slots under null keys are written as 0, so every stored index lies inside the dictionary.
 * <li>Boolean dictionaries are always reduced to their distinct values (at most two): official
 * 7.0.0's reader cannot merge boolean dictionaries of the pages a read spans, and aborts when
 * their sum outgrows the keys.
 * </ul>
 */
public final class DictionaryPageAssembler {

    private DictionaryPageAssembler() {
    }

    /**
     * A page's indices and dictionary.
     *
     * @param indices the keys rewritten as indices into {@code dictionary}, one piece per input piece,
     *     with the nulls of both keys and dictionary values
     * @param dictionary the page's dictionary; null when every key is null
     */
    public record Assembled(List<ArrowLeaf> indices, DataBlock dictionary) {
    }

    /** Assembles {@code pieces} (keys leaves carrying their dictionaries); copies go to {@code arena}. */
    public static Assembled assemble(DictionaryType type, List<ArrowLeaf> pieces, OffHeapArena arena) {
        // Runs of pieces with the same dictionary (shared copies compare by address, cheaply).
        List<ArrowLeaf> distinct = new ArrayList<>();
        int[] group = new int[pieces.size()];
        for (int p = 0; p < pieces.size(); p++) {
            ArrowLeaf d = pieces.get(p).dictionary();
            if (distinct.isEmpty() || !distinct.getLast().sameBuffers(d)) {
                distinct.add(d);
            }
            group[p] = distinct.size() - 1;
        }
        // Drop null entries: nonNull[j] maps entry -> position among the non-null ones, or -1.
        List<ArrowLeaf> compact = new ArrayList<>(distinct.size());
        int[][] nonNull = new int[distinct.size()][];
        long entries = 0;
        for (int j = 0; j < distinct.size(); j++) {
            ArrowLeaf d = distinct.get(j);
            if (d.nullCount() == 0) {
                compact.add(d);
            } else {
                nonNull[j] = new int[Math.toIntExact(d.numValues())];
                compact.add(dropNulls(d, nonNull[j], arena));
            }
            entries += compact.getLast().numValues();
        }
        if (entries == 0) {
            // keys are checked to lie inside their dictionaries, so every key here is null
            return new Assembled(allNull(type, pieces, arena), null);
        }
        DataBlock dictionary;
        int[][] remap = new int[distinct.size()][];
        if (distinct.size() == 1 && type.valueStorage().kind() != PhysicalType.Kind.BOOLEAN) {
            dictionary = PageAssembler.values(type.valueStorage(), compact, arena);
            remap[0] = nonNull[0];
        } else {
            DataBlock all = PageAssembler.values(type.valueStorage(), compact, arena);
            Merged merged = merge(all, arena);
            dictionary = merged.dictionary();
            long base = 0;
            for (int j = 0; j < distinct.size(); j++) {
                int size = Math.toIntExact(distinct.get(j).numValues());
                int[] r = new int[size];
                for (int e = 0; e < size; e++) {
                    int at = nonNull[j] == null ? e : nonNull[j][e];
                    r[e] = at < 0 ? -1 : merged.index(base + at);
                }
                remap[j] = r;
                base += compact.get(j).numValues();
            }
        }
        List<ArrowLeaf> indices = new ArrayList<>(pieces.size());
        for (int p = 0; p < pieces.size(); p++) {
            indices.add(indices(type, pieces.get(p), remap[group[p]], arena));
        }
        return new Assembled(indices, dictionary);
    }

    /** A merged dictionary and where each entry of the concatenated dictionaries went. */
    private record Merged(DataBlock dictionary, DataBlock positions) {
        int index(long entry) {
            if (positions == null) {
                return Math.toIntExact(entry);
            }
            FixedWidthBlock f = (FixedWidthBlock) positions;
            return Math.toIntExact(f.bitsPerValue() == 32
                    ? Integer.toUnsignedLong(f.data().segment().getAtIndex(Layouts.U32, entry))
                    : f.data().segment().getAtIndex(Layouts.U64, entry));
        }
    }

    /** Entries {@code dictionary} adds to its page's dictionary, at most. */
    static long entriesKept(ArrowLeaf dictionary) {
        return dictionary.type().kind() == PhysicalType.Kind.BOOLEAN ? Math.min(2, dictionary.numValues())
                : dictionary.numValues();
    }

    /** Distinct values of the concatenated dictionaries (first-occurrence order). */
    private static Merged merge(DataBlock all, OffHeapArena arena) {
        if (all instanceof FixedWidthBlock f && f.bitsPerValue() == 1) {
            return mergeBooleans(f, arena);
        }
        if (!DictionaryBuilder.supports(all)) {
            return new Merged(all, null);
        }
        DictionaryBlock d = DictionaryBuilder.encode(all, Long.MAX_VALUE, arena);
        return new Merged(d.dictionary(), d.indices());
    }

    /** At most two entries, false and/or true in the order they first occur. */
    private static Merged mergeBooleans(FixedWidthBlock all, OffHeapArena arena) {
        long n = all.numValues();
        MemorySegment bits = all.data().segment();
        MemorySegment positions = arena.allocate(n * 4);
        MemorySegment values = arena.allocate(1);
        int[] slotOf = {-1, -1};
        int size = 0;
        for (long i = 0; i < n; i++) {
            int v = (bits.get(Layouts.U8, i >>> 3) >>> (i & 7)) & 1;
            if (slotOf[v] < 0) {
                slotOf[v] = size;
                values.set(Layouts.U8, 0, (byte) (values.get(Layouts.U8, 0) | (v << size)));
                size++;
            }
            positions.setAtIndex(Layouts.U32, i, slotOf[v]);
        }
        return new Merged(new FixedWidthBlock(new LanceBuffer(values), 1, size),
                new FixedWidthBlock(new LanceBuffer(positions), 32, n));
    }

    /** The keys of {@code piece} as indices through {@code remap} (null: keys are indices already). */
    private static ArrowLeaf indices(DictionaryType type, ArrowLeaf piece, int[] remap, OffHeapArena arena) {
        PhysicalType storage = type.indexStorage();
        if (remap == null && piece.nullCount() == 0) {
            return new ArrowLeaf(storage, piece.numValues(), 0, null, piece.values(), null, List.of());
        }
        int width = storage.bitsPerValue() / 8;
        boolean signed = type.indexType().getIsSigned();
        long n = piece.numValues();
        MemorySegment keys = piece.values();
        MemorySegment keyValidity = piece.validity();
        MemorySegment out = arena.allocate(n * width);
        MemorySegment validity = arena.allocate(ArrowLeaf.bitmapBytes(n));
        long nulls = 0;
        for (long i = 0; i < n; i++) {
            long index = -1;
            if (keyValidity == null || isSet(keyValidity, i)) {
                long key = ArrowDictionaries.key(keys, i, width, signed);
                index = remap == null ? key : remap[(int) key];
            }
            if (index < 0) {
                nulls++;
                continue; // the slot stays 0, an index every non-empty dictionary has
            }
            validity.set(Layouts.U8, i >>> 3, (byte) (validity.get(Layouts.U8, i >>> 3) | (1 << (i & 7))));
            put(out, i, width, index);
        }
        return new ArrowLeaf(storage, n, nulls, nulls == 0 ? null : validity, out, null, List.of());
    }

    private static List<ArrowLeaf> allNull(DictionaryType type, List<ArrowLeaf> pieces, OffHeapArena arena) {
        List<ArrowLeaf> out = new ArrayList<>(pieces.size());
        for (ArrowLeaf p : pieces) {
            out.add(new ArrowLeaf(type.indexStorage(), p.numValues(), p.numValues(),
                    arena.allocate(ArrowLeaf.bitmapBytes(p.numValues())), p.values(), null, List.of()));
        }
        return out;
    }

    /** The non-null entries of {@code d}; {@code positions[e]} = entry e's new position, or -1. */
    private static ArrowLeaf dropNulls(ArrowLeaf d, int[] positions, OffHeapArena arena) {
        long n = d.numValues();
        MemorySegment validity = d.validity();
        int kept = 0;
        for (int e = 0; e < n; e++) {
            positions[e] = isSet(validity, e) ? kept++ : -1;
        }
        PhysicalType type = d.type();
        return switch (type.kind()) {
            case FIXED -> {
                int w = type.bitsPerValue() / 8;
                MemorySegment out = arena.allocate((long) kept * w);
                for (int e = 0; e < n; e++) {
                    if (positions[e] >= 0) {
                        MemorySegment.copy(d.values(), (long) e * w, out, (long) positions[e] * w, w);
                    }
                }
                yield new ArrowLeaf(type, kept, 0, null, out, null, List.of());
            }
            case BOOLEAN -> {
                MemorySegment out = arena.allocate(ArrowLeaf.bitmapBytes(kept));
                for (int e = 0; e < n; e++) {
                    if (positions[e] >= 0 && isSet(d.values(), e)) {
                        int at = positions[e];
                        out.set(Layouts.U8, at >>> 3, (byte) (out.get(Layouts.U8, at >>> 3) | (1 << (at & 7))));
                    }
                }
                yield new ArrowLeaf(type, kept, 0, null, out, null, List.of());
            }
            case VARIABLE -> {
                int w = type.bitsPerValue() / 8;
                long bytes = 0;
                for (int e = 0; e < n; e++) {
                    if (positions[e] >= 0) {
                        bytes += d.offset(e + 1) - d.offset(e);
                    }
                }
                MemorySegment offsets = arena.allocate((kept + 1L) * w);
                MemorySegment data = arena.allocate(bytes);
                long at = 0;
                for (int e = 0; e < n; e++) {
                    if (positions[e] >= 0) {
                        long start = d.offset(e);
                        long len = d.offset(e + 1) - start;
                        putOffset(offsets, positions[e], at, w);
                        MemorySegment.copy(d.values(), start, data, at, len);
                        at += len;
                    }
                }
                putOffset(offsets, kept, at, w);
                yield new ArrowLeaf(type, kept, 0, null, data, offsets, List.of());
            }
            case NULL -> throw new IllegalStateException("dictionaries of nulls are refused when the writer opens");
            case STRUCT, LIST, FIXED_SIZE_LIST -> throw new IllegalStateException(
                    "nested dictionary values are refused when the writer opens");
        };
    }

    private static void put(MemorySegment out, long i, int width, long v) {
        switch (width) {
            case 1 -> out.set(Layouts.U8, i, (byte) v);
            case 2 -> out.setAtIndex(Layouts.U16, i, (short) v);
            case 4 -> out.setAtIndex(Layouts.U32, i, (int) v);
            default -> out.setAtIndex(Layouts.U64, i, v);
        }
    }

    private static void putOffset(MemorySegment offsets, long i, long v, int w) {
        if (w == 4) {
            offsets.setAtIndex(Layouts.U32, i, (int) v);
        } else {
            offsets.setAtIndex(Layouts.U64, i, v);
        }
    }

    private static boolean isSet(MemorySegment bitmap, long i) {
        return (bitmap.get(Layouts.U8, i >>> 3) & (1 << (i & 7))) != 0;
    }
}
