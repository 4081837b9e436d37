package dev.jlance.encoder.layout;

import dev.jlance.compression.PerValueCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21.FullZipLayout;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.memory.SegmentWriter;
import dev.jlance.repdef.RepDefLayer;
import dev.jlance.repdef.SerializedRepDef;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The full-zip layout, for wide values: each item's control word, then (variable width, valid items
 * only) its length, then its bytes, all zipped into one buffer, plus a repetition index of where
 * each row starts when rows are not a fixed stride.
 */
public final class FullZipLayoutWriter {

    private FullZipLayoutWriter() {
    }

    public static PageBuffers write(PerValueCompressed values, SerializedRepDef levels, OffHeapArena arena) {
        ControlWords words = ControlWords.of(levels);
        long numItems = levels.hasRepetition() ? levels.numLevels() : valuesOf(values);
        FullZipLayout.Builder layout = FullZipLayout.newBuilder()
                .setBitsRep(words.repBits())
                .setBitsDef(words.defBits())
                .setNumItems(Math.toIntExact(numItems))
                .setNumVisibleItems(Math.toIntExact(valuesOf(values)))
                .setValueCompression(values.encoding());
        for (RepDefLayer l : levels.layers()) {
            layout.addLayers(l.proto());
        }
        List<LanceBuffer> buffers = new ArrayList<>();
        switch (values) {
            case PerValueCompressed.Fixed f -> {
                layout.setBitsPerValue(f.data().bitsPerValue());
                zipFixed(f.data(), levels, words, numItems, arena, buffers);
            }
            case PerValueCompressed.Variable v -> {
                layout.setBitsPerOffset(v.data().bitsPerOffset());
                zipVariable(v.data(), levels, words, numItems, arena, buffers);
            }
            case PerValueCompressed.Constant c -> {
                layout.setBitsPerValue(0);
                zipLevelsOnly(words, numItems, arena, buffers);
            }
        }
        return new PageBuffers(buffers, PageLayout.newBuilder().setFullZipLayout(layout).build(), "full-zip",
                CompressiveEncodings.describe(values.encoding()));
    }

    private static long valuesOf(PerValueCompressed values) {
        return switch (values) {
            case PerValueCompressed.Fixed f -> f.data().numValues();
            case PerValueCompressed.Variable v -> v.data().numValues();
            case PerValueCompressed.Constant c -> c.numValues();
        };
    }

    /** Values of zero bytes: the buffer holds the control words alone. */
    private static void zipLevelsOnly(ControlWords words, long numItems, OffHeapArena arena, List<LanceBuffer> out) {
        int cw = words.bytesPerWord();
        long total = (long) cw * numItems;
        MemorySegment zipped = arena.allocate(total);
        SegmentWriter w = new SegmentWriter(zipped);
        RepetitionIndex index = words.hasRepetition() ? new RepetitionIndex(total, numItems + 1, arena) : null;
        for (long i = 0; i < numItems; i++) {
            if (index != null && words.startsRow(i)) {
                index.add(w.position());
            }
            if (cw > 0) {
                w.uint(words.word(i), cw);
            }
        }
        w.finish();
        out.add(new LanceBuffer(zipped));
        if (index != null) {
            index.add(total);
            out.add(index.write());
        }
    }

    private static void zipFixed(FixedWidthBlock data, SerializedRepDef levels, ControlWords words, long numItems,
            OffHeapArena arena, List<LanceBuffer> out) {
        if (data.bitsPerValue() % 8 != 0) {
            throw new IllegalArgumentException("full-zip needs whole-byte values, got " + data.bitsPerValue() + " bits");
        }
        int width = data.bytesPerValue();
        int cw = words.bytesPerWord();
        long total = data.numValues() * width + (long) cw * numItems;
        MemorySegment zipped = arena.allocate(total);
        SegmentWriter w = new SegmentWriter(zipped);
        RepetitionIndex index = words.hasRepetition() ? new RepetitionIndex(total, numItems + 1, arena) : null;
        MemorySegment src = data.data().segment();
        long value = 0;
        for (long i = 0; i < numItems; i++) {
            if (index != null && words.startsRow(i)) {
                index.add(w.position());
            }
            if (cw > 0) {
                w.uint(words.word(i), cw);
            }
            // Invisible items (null or empty lists) have no value slot; null items keep theirs.
            if (levels.isVisible(i)) {
                w.bytes(src, value * width, width);
                value++;
            }
        }
        checkAllValuesZipped(value, data.numValues());
        w.finish();
        out.add(new LanceBuffer(zipped));
        if (index != null) {
            index.add(total);
            out.add(index.write());
        }
    }

    private static void zipVariable(VariableWidthBlock data, SerializedRepDef levels, ControlWords words, long numItems,
            OffHeapArena arena, List<LanceBuffer> out) {
        int ow = data.bytesPerOffset();
        int cw = words.bytesPerWord();
        long bound = data.data().size() + (long) cw * numItems + (long) ow * data.numValues();
        long actual = 0;
        long value = 0;
        for (long i = 0; i < numItems; i++) {
            actual += cw;
            if (levels.isVisible(i)) {
                if (words.def(i) == 0) {
                    actual += ow + data.offset(value + 1) - data.offset(value);
                }
                value++;
            }
        }
        checkAllValuesZipped(value, data.numValues());
        MemorySegment zipped = arena.allocate(actual);
        SegmentWriter w = new SegmentWriter(zipped);
        RepetitionIndex index = new RepetitionIndex(bound, numItems + 1, arena);
        MemorySegment src = data.data().segment();
        value = 0;
        for (long i = 0; i < numItems; i++) {
            if (words.startsRow(i)) {
                index.add(w.position());
            }
            if (cw > 0) {
                w.uint(words.word(i), cw);
            }
            if (levels.isVisible(i)) {
                // Only valid items carry a length and bytes; null items are their control word.
                if (words.def(i) == 0) {
                    long start = data.offset(value);
                    long len = data.offset(value + 1) - start;
                    w.uint(len, ow);
                    w.bytes(src, start, len);
                }
                value++;
            }
        }
        w.finish();
        index.add(actual);
        out.add(new LanceBuffer(zipped));
        out.add(index.write());
    }

    private static void checkAllValuesZipped(long zipped, long values) {
        if (zipped != values) {
            throw new IllegalStateException("full-zip page has " + values + " values but " + zipped
                    + " visible level entries");
        }
    }
}
