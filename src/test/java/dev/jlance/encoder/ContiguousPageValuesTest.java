package dev.jlance.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.arrow.ArrowLeaf;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.PhysicalType;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContiguousPageValuesTest {

    private static final PhysicalType INT32 = new PhysicalType(PhysicalType.Kind.FIXED, 32);
    private static final PhysicalType INT64 = new PhysicalType(PhysicalType.Kind.FIXED, 64);
    private static final PhysicalType UTF8 = new PhysicalType(PhysicalType.Kind.VARIABLE, 32);
    private static final PhysicalType LARGE_UTF8 = new PhysicalType(PhysicalType.Kind.VARIABLE, 64);

    @Test
    void fixedWidthArraysOfAnySizeBecomeOneBlockEvenWhenTheBufferMustGrow() {
        SplittableRandom rng = new SplittableRandom(11);
        // a first array of one value sizes the buffer small; later big ones force it to move twice
        int[] sizes = {1, 0, 17, 1000, 3, 40_000, 5, 250_000, 2};
        try (OffHeapArena source = OffHeapArena.open("arrays"); OffHeapArena page = OffHeapArena.open("page")) {
            ContiguousPageValues joined = ContiguousPageValues.open(INT64, 8L << 20, page);
            List<ArrowLeaf> kept = new ArrayList<>();
            List<Long> expected = new ArrayList<>();
            List<long[]> perArray = new ArrayList<>();
            long arrowBytes = 0;
            for (int n : sizes) {
                MemorySegment values = source.allocate(8L * n);
                for (int i = 0; i < n; i++) {
                    long v = rng.nextLong();
                    values.setAtIndex(Layouts.U64, i, v);
                    expected.add(v);
                }
                ArrowLeaf view = new ArrowLeaf(INT64, n, 0, null, values, null, List.of());
                arrowBytes += view.arrowBytes();
                ArrowLeaf k = joined.append(view);
                assertTrue(page.owns(k.values()), "kept values live in the page's arena");
                assertArrayEquals(values.toArray(Layouts.U64), k.values().toArray(Layouts.U64),
                        "each kept array holds its own values, also after the buffer moved");
                kept.add(k);
                perArray.add(values.toArray(Layouts.U64));
                values.fill((byte) 0x5A); // the caller reuses its buffer
            }
            for (int i = 0; i < kept.size(); i++) {
                assertArrayEquals(perArray.get(i), kept.get(i).values().toArray(Layouts.U64),
                        "array " + i + " still sees its values after the buffer moved");
            }
            FixedWidthBlock block = assertInstanceOf(FixedWidthBlock.class,
                    joined.blockOf(INT64, kept).orElseThrow());
            assertEquals(expected.size(), block.numValues());
            assertEquals(64, block.bitsPerValue());
            long[] all = block.data().segment().toArray(Layouts.U64);
            assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), all);
            assertEquals(arrowBytes, joined.arrowBytes(), "counts the arrays' bytes, not the buffer's room");
            assertEquals(sizes.length, joined.pieceCount());
        }
    }

    /**
     * Widths and runs measured while arrays of odd sizes are copied (runs crossing arrays and
     * chunks, a buffer that moves, arrays that start mid-chunk) equal those of a statistics pass
     * over the joined page, for every word width; a block other than the joined one is measured
     * afresh.
     */
    @Test
    void statisticsMeasuredWhileCopyingMatchAPassOverThePage() {
        int[] sizes = {1, 0, 17, 1000, 3, 40_000, 5, 250_000, 2, 1024, 1023};
        for (int bits : new int[] {8, 16, 32, 64}) {
            PhysicalType type = new PhysicalType(PhysicalType.Kind.FIXED, bits);
            for (long seed = 0; seed < 3; seed++) {
                SplittableRandom rng = new SplittableRandom(seed * 100 + bits);
                try (OffHeapArena source = OffHeapArena.open("arrays"); OffHeapArena page = OffHeapArena.open("page")) {
                    ContiguousPageValues joined = ContiguousPageValues.open(type, 1L << 20, page);
                    List<ArrowLeaf> kept = new ArrayList<>();
                    long v = 0;
                    for (int n : sizes) {
                        MemorySegment values = source.allocate((long) n * bits / 8);
                        for (int i = 0; i < n; i++) {
                            if (rng.nextInt(seed == 0 ? 3 : 300) == 0) { // short runs, or long ones across arrays
                                v = rng.nextLong() >>> rng.nextInt(64);
                            }
                            switch (bits) {
                                case 8 -> values.set(Layouts.U8, i, (byte) v);
                                case 16 -> values.setAtIndex(Layouts.U16, i, (short) v);
                                case 32 -> values.setAtIndex(Layouts.U32, i, (int) v);
                                default -> values.setAtIndex(Layouts.U64, i, v);
                            }
                        }
                        kept.add(joined.append(new ArrowLeaf(type, n, 0, null, values, null, List.of())));
                        values.fill((byte) 0x5A);
                    }
                    DataBlock block = joined.blockOf(type, kept).orElseThrow();
                    BlockStatistics measured = joined.statistics(block, 7);
                    BlockStatistics scanned = new BlockStatistics(block, 7);
                    assertEquals(scanned.runCount(), measured.runCount(), bits + " bits, seed " + seed + ": runs");
                    assertArrayEquals(scanned.bitWidthsShared(), measured.bitWidthsShared(),
                            bits + " bits, seed " + seed + ": widths");
                    assertEquals(7, measured.nullCount());
                    assertTrue(measured.runCount() > 1 && measured.runCount() < block.numValues(), "the data has runs");

                    FixedWidthBlock other = (FixedWidthBlock) block;
                    FixedWidthBlock half = new FixedWidthBlock(new dev.jlance.memory.LanceBuffer(
                            other.data().segment().asSlice(0, other.data().segment().byteSize() / 2)), bits,
                            other.numValues() / 2);
                    assertEquals(new BlockStatistics(half, 0).runCount(), joined.statistics(half, 0).runCount(),
                            "another block is not given the page's measurements");
                }
            }
        }
    }

    @Test
    void variableWidthOffsetsAreRebasedToOnePageStartingAtZero() {
        try (OffHeapArena source = OffHeapArena.open("arrays"); OffHeapArena page = OffHeapArena.open("page")) {
            for (PhysicalType type : List.of(UTF8, LARGE_UTF8)) {
                ContiguousPageValues joined = ContiguousPageValues.open(type, 1 << 20, page);
                List<ArrowLeaf> kept = new ArrayList<>();
                List<String> expected = new ArrayList<>();
                // sliced arrays: offsets that start past 0, data with bytes before and after them
                String[][] arrays = {{"", "a", "bc"}, {}, {"héllo", "", "", "wörld!"}, {""}, {"x".repeat(70_000), "y"}};
                for (int a = 0; a < arrays.length; a++) {
                    ArrowLeaf view = slicedStrings(source, type, arrays[a], 3 + a);
                    kept.add(joined.append(view));
                    expected.addAll(List.of(arrays[a]));
                }
                for (int a = 0; a < arrays.length; a++) {
                    assertEquals(List.of(arrays[a]), strings(kept.get(a)), "kept array " + a + " reads back");
                }
                VariableWidthBlock block = assertInstanceOf(VariableWidthBlock.class,
                        joined.blockOf(type, kept).orElseThrow());
                assertEquals(expected.size(), block.numValues());
                assertEquals(0, block.offset(0), "a page's offsets start at 0");
                List<String> got = new ArrayList<>();
                for (long i = 0; i < block.numValues(); i++) {
                    long from = block.offset(i);
                    long to = block.offset(i + 1);
                    got.add(new String(block.data().segment().asSlice(from, to - from).toArray(Layouts.U8),
                            StandardCharsets.UTF_8));
                }
                assertEquals(expected, got);
                assertEquals(block.offset(block.numValues()), block.data().segment().byteSize(),
                        "the data buffer holds exactly the page's bytes");
            }
        }
    }

    @Test
    void onlyTheExactArraysAppendedGetTheJoinedBlock() {
        try (OffHeapArena source = OffHeapArena.open("arrays"); OffHeapArena page = OffHeapArena.open("page")) {
            ContiguousPageValues joined = ContiguousPageValues.open(INT32, 1 << 20, page);
            assertEquals(Optional.empty(), joined.blockOf(INT32, List.of()), "nothing appended yet");
            List<ArrowLeaf> kept = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                MemorySegment values = source.allocate(40);
                kept.add(joined.append(new ArrowLeaf(INT32, 10, 0, null, values, null, List.of())));
            }
            assertTrue(joined.blockOf(INT32, kept).isPresent());
            assertFalse(joined.blockOf(INT32, kept.subList(0, 2)).isPresent(), "fewer arrays");
            assertFalse(joined.blockOf(INT32, List.of(kept.get(0), kept.get(2), kept.get(1))).isPresent(),
                    "other order");
            List<ArrowLeaf> visibleSubset = new ArrayList<>(kept);
            visibleSubset.set(1, kept.get(1).rows(2, 8, page));
            assertFalse(joined.blockOf(INT32, visibleSubset).isPresent(), "only some values visible");
            assertFalse(joined.blockOf(INT64, kept).isPresent(), "other type");
            assertThrows(IllegalArgumentException.class,
                    () -> joined.append(new ArrowLeaf(INT64, 1, 0, null, source.allocate(8), null, List.of())));
        }
    }

    @Test
    void theQueueHandsOutPagesWhoseValuesAreAlreadyJoined() {
        try (OffHeapArena source = OffHeapArena.open("arrays");
                AccumulationQueue queue = new AccumulationQueue(1000, false, "test column")) {
            long inputBytes = 0;
            Optional<PendingPage> page = Optional.empty();
            long row = 0;
            int value = 0;
            while (page.isEmpty()) {
                int n = 37;
                MemorySegment values = source.allocate(4L * n);
                for (int i = 0; i < n; i++) {
                    values.setAtIndex(Layouts.U32, i, value++);
                }
                ArrowLeaf view = new ArrowLeaf(INT32, n, 0, null, values, null, List.of());
                inputBytes += view.arrowBytes();
                page = queue.insert(view, null, row, n);
                values.fill((byte) 0x5A); // the caller reuses its buffer as soon as insert returns
                row += n;
            }
            try (PendingPage p = page.get()) {
                assertEquals(inputBytes, p.inputBytes());
                DataBlock block = p.joinedValues(INT32, p.pieces()).orElseThrow();
                MemorySegment all = ((FixedWidthBlock) block).data().segment();
                for (int i = 0; i < value; i++) {
                    assertEquals(i, all.getAtIndex(Layouts.U32, i), "value " + i);
                }
            }
        }
    }

    /** {@code values} as a sliced Arrow array: offsets start at {@code skip}, data has bytes around them. */
    private static ArrowLeaf slicedStrings(OffHeapArena arena, PhysicalType type, String[] values, int skip) {
        int w = type.bitsPerValue() / 8;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("#".repeat(skip).getBytes(StandardCharsets.UTF_8));
        MemorySegment offsets = arena.allocate((values.length + 1L) * w);
        for (int i = 0; i <= values.length; i++) {
            if (w == 4) {
                offsets.setAtIndex(Layouts.U32, i, data.size());
            } else {
                offsets.setAtIndex(Layouts.U64, i, data.size());
            }
            if (i < values.length) {
                data.writeBytes(values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        data.writeBytes("~~~".getBytes(StandardCharsets.UTF_8));
        MemorySegment bytes = arena.allocate(data.size());
        MemorySegment.copy(MemorySegment.ofArray(data.toByteArray()), 0, bytes, 0, data.size());
        return new ArrowLeaf(type, values.length, 0, null, bytes, offsets, List.of());
    }

    private static List<String> strings(ArrowLeaf leaf) {
        List<String> out = new ArrayList<>();
        for (long i = 0; i < leaf.numValues(); i++) {
            long from = leaf.offset(i);
            long to = leaf.offset(i + 1);
            out.add(new String(leaf.values().asSlice(from, to - from).toArray(Layouts.U8), StandardCharsets.UTF_8));
        }
        return out;
    }
}
