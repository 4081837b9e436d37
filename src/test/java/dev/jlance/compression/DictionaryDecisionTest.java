package dev.jlance.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.FormatVersion;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.LanceSchema;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a page gets a dictionary. Each case is a boundary official Lance 7.0.0 was observed on
 * (probing its writer): the 100-value minimum, the n/2 entry budget and its divisor, the 100,000
 * entry cap, the near-unique stride sample that keeps sorted data with ≥ 4096 distinct values
 * out, the size ratio with equality passing, and which types are candidates at all.
 */
class DictionaryDecisionTest {

    private final DefaultCompressionStrategy strategy = new DefaultCompressionStrategy(FormatVersion.V2_1);
    private final OffHeapArena arena = OffHeapArena.open("test");

    @AfterEach
    void close() {
        arena.close();
    }

    private static LanceField field(ArrowType type, Map<String, String> metadata) {
        Schema schema = new Schema(List.of(new Field("c", new FieldType(true, type, null, metadata), null)));
        return LanceSchema.of(schema).fields().get(0);
    }

    private VariableWidthBlock strings(int n, IntFunction<String> value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemorySegment offsets = arena.allocate((n + 1L) * 4);
        for (int i = 0; i < n; i++) {
            offsets.setAtIndex(Layouts.U32, i, bytes.size());
            bytes.writeBytes(value.apply(i).getBytes(StandardCharsets.UTF_8));
        }
        offsets.setAtIndex(Layouts.U32, n, bytes.size());
        MemorySegment data = arena.copyOf(MemorySegment.ofArray(bytes.toByteArray()));
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), 32, n);
    }

    private Optional<DictionaryBlock> decide(DataBlock block, Map<String, String> metadata) {
        ArrowType type = block instanceof VariableWidthBlock ? ArrowType.Utf8.INSTANCE
                : new ArrowType.Decimal(38, 2, 128);
        return strategy.dictionaryEncode(field(type, metadata), new BlockStatistics(block, 0), arena);
    }

    private boolean dict(DataBlock block) {
        return decide(block, Map.of()).isPresent();
    }

    /** 30-character strings, value i taken from {@code k} distinct ones, shuffled deterministically. */
    private static IntFunction<String> thirtyChars(int k) {
        return i -> String.format("%030d", i < k ? i : (int) ((i * 2654435761L) % k));
    }

    @Test
    void needsOneHundredValues() {
        assertFalse(dict(strings(99, i -> i % 2 == 0 ? "alpha-value" : "beta-value")));
        assertTrue(dict(strings(100, i -> i % 2 == 0 ? "alpha-value" : "beta-value")));
    }

    @Test
    void atMostHalfAsManyEntriesAsValues() {
        assertTrue(dict(strings(1000, thirtyChars(500))));
        assertFalse(dict(strings(1000, thirtyChars(501))));
        assertTrue(dict(strings(1001, thirtyChars(500))));
        assertFalse(dict(strings(1001, thirtyChars(501))));
    }

    @Test
    void divisorChangesTheBudget() {
        Map<String, String> four = Map.of("lance-encoding:dict-divisor", "4");
        assertTrue(decide(strings(1000, thirtyChars(250)), four).isPresent());
        assertFalse(decide(strings(1000, thirtyChars(251)), four).isPresent());
    }

    @Test
    void neverMoreThanOneHundredThousandEntries() {
        for (int k : new int[] {100_000, 100_001}) {
            int n = 300_000 + k;
            // a long constant spread evenly, so the stride sample sees a repetitive page
            VariableWidthBlock block = strings(n, i -> i % 4 != 0 || i / 4 >= k - 1
                    ? "a-long-and-frequent-constant-value" : "u" + (i / 4));
            assertEquals(k == 100_000, dict(block), "k=" + k);
        }
    }

    @Test
    void sortedPagesWithManyDistinctValuesLookNearUnique() {
        // runs of 5 equal values in sorted order: with 4096+ distinct values, every sampled slot
        // (every n/4096-th) differs from the others
        assertTrue(dict(strings(4095 * 5, i -> String.format("key-%08d", i / 5))));
        assertFalse(dict(strings(4096 * 5, i -> String.format("key-%08d", i / 5))));
    }

    @Test
    void sizeRatioIsInclusive() {
        // 100 values, 50 distinct 8-byte strings: dictionary 400 + 4*51 and indices 400 = 1004
        // against 800 bytes + 4*101 offsets = 1204, ratio 0.8339
        VariableWidthBlock block = strings(100, i -> String.format("%08d", i % 50));
        assertFalse(decide(block, Map.of("lance-encoding:dict-size-ratio", "0.83")).isPresent());
        assertTrue(decide(block, Map.of("lance-encoding:dict-size-ratio", "0.834")).isPresent());
        // decimals: 16*550 + 4*1000 = 12800 = 0.8 * 16000 exactly passes
        Map<String, String> one = Map.of("lance-encoding:dict-divisor", "1");
        assertTrue(decide(decimals(1000, 550), one).isPresent());
        assertFalse(decide(decimals(1000, 551), one).isPresent());
    }

    @Test
    void nullSlotsAreEmptyStrings() {
        // a null string's slot is zero bytes long, the same entry as ""
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add(i % 3 == 0 ? "" : i % 3 == 1 ? "aaaaaaaaaaaaaaaaaaaa" : "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        }
        DictionaryBlock d = decide(strings(300, values::get), Map.of()).orElseThrow();
        assertEquals(3, d.dictionary().numValues());
    }

    @Test
    void onlyVariableWidthAnd128BitValuesAreCandidates() {
        assertTrue(dict(decimals(1000, 10)));
        MemorySegment longs = arena.allocate(8000);
        for (int i = 0; i < 1000; i++) {
            longs.setAtIndex(Layouts.U64, i, i % 10 * 1_000_000_007L);
        }
        FixedWidthBlock int64 = new FixedWidthBlock(new LanceBuffer(longs), 64, 1000);
        assertFalse(strategy.dictionaryEncode(field(new ArrowType.Int(64, true), Map.of()),
                new BlockStatistics(int64, 0), arena).isPresent());
    }

    private FixedWidthBlock decimals(int n, int distinct) {
        MemorySegment s = arena.allocate(16L * n);
        for (int i = 0; i < n; i++) {
            int k = i < distinct ? i : (int) ((i * 2654435761L) % distinct);
            s.setAtIndex(Layouts.U64, 2L * i, k * 31L + 7);
            s.setAtIndex(Layouts.U64, 2L * i + 1, k % 3);
        }
        return new FixedWidthBlock(new LanceBuffer(s), 128, n);
    }
}
