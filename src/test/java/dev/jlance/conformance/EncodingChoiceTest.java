package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.bench.LanceFileLayout;
import dev.jlance.file.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The encoding of every page, chosen by jlance and by official Lance 7.0.0 from the same data, must
 * be the same, and so must the page's buffer sizes (FSST tables trained on over 32 KiB are random in
 * official Lance, so there only the encodings are compared). The cases sit on the boundaries of
 * each decision: RLE against bitpacking against flat, the FSST thresholds, the dictionary rules,
 * byte-stream-split and zstd/lz4 on request, definition-level packing, full-zip compression.
 * Every jlance file is also read back by the official reader.
 */
class EncodingChoiceTest extends ConformanceTestBase {

    private static final ArrowType I8 = new ArrowType.Int(8, true);
    private static final ArrowType I16 = new ArrowType.Int(16, true);
    private static final ArrowType I32 = new ArrowType.Int(32, true);
    private static final ArrowType I64 = new ArrowType.Int(64, true);
    private static final ArrowType U32 = new ArrowType.Int(32, false);
    private static final ArrowType F16 = new ArrowType.FloatingPoint(FloatingPointPrecision.HALF);
    private static final ArrowType F32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    private static final ArrowType F64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final ArrowType DEC = new ArrowType.Decimal(38, 3, 128);
    private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    private static final ArrowType LARGE_UTF8 = ArrowType.LargeUtf8.INSTANCE;
    private static final ArrowType BINARY = ArrowType.Binary.INSTANCE;

    /** A column: type, metadata, row count and a value per row (null for a null). */
    record Case(String name, ArrowType type, Map<String, String> metadata, int rows, IntFunction<Object> value) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, ArrowType type, int rows, IntFunction<Object> value, String... metadata) {
        Map<String, String> md = new HashMap<>();
        for (int i = 0; i < metadata.length; i += 2) {
            md.put("lance-encoding:" + metadata[i], metadata[i + 1]);
        }
        return new Case(name, type, md, rows, value);
    }

    private static IntFunction<Object> runs(int rows, int numRuns, long[] cycle) {
        return i -> cycle[(int) ((long) i * numRuns / rows) % cycle.length];
    }

    private static IntFunction<Object> random(long seed, long bound) {
        return i -> new SplittableRandom(seed * 1_000_003L + i).nextLong(bound);
    }

    private static IntFunction<Object> randomString(long seed, int minLen, int maxLen) {
        return i -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            int len = r.nextInt(minLen, maxLen + 1);
            StringBuilder b = new StringBuilder(len);
            for (int k = 0; k < len; k++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            return b.toString();
        };
    }

    private static final String[] WORDS = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and",
        "runs", "far", "away", "from", "home", "into", "forest", "where", "trees", "grow", "tall"};

    private static IntFunction<Object> sentences(long seed, int words) {
        return i -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < words; k++) {
                b.append(WORDS[(int) Math.min(WORDS.length - 1, Math.abs(r.nextGaussian()) * 6)]).append(' ');
            }
            return b.toString();
        };
    }

    static Stream<Arguments> cases() {
        List<Case> cs = new ArrayList<>();
        // fixed width: the size model
        cs.add(c("int32 [1,0,0] is RLE", I32, 3, i -> i == 0 ? 1L : 0L));
        cs.add(c("one int32 stays flat", I32, 1, i -> 7L));
        cs.add(c("int32 zeros pack to width 0", I32, 5000, i -> 0L));
        cs.add(c("int32 constant is RLE", I32, 5000, i -> 7L));
        cs.add(c("int32 -1 constant is RLE", I32, 1000, i -> -1L));
        cs.add(c("100 int32 in 0..7 pack", I32, 100, random(1, 8)));
        cs.add(c("100 int32 in 0..15 stay flat", I32, 100, random(2, 16)));
        cs.add(c("1024 int32 of 31 bits pack", I32, 1024, i -> i == 5 ? (1L << 30) : (long) i));
        cs.add(c("1024 int32 of 32 bits stay flat", I32, 1024, i -> i == 5 ? -5L : (long) i));
        cs.add(c("4096 int64 in 0..1000 pack at width 10", I64, 4096, random(3, 1001)));
        for (int r : new int[] {22, 23}) {
            cs.add(c("1024 int32 width 1 in " + r + " runs", I32, 1024, runs(1024, r, new long[] {0, 1})));
        }
        for (int r : new int[] {79, 80}) {
            cs.add(c("100 negative int32 in " + r + " runs", I32, 100, runs(100, r, new long[] {-1, -2, -3, -4})));
        }
        cs.add(c("4096 int32 width 2 in 192 runs (tie goes to RLE)", I32, 4096, runs(4096, 192, new long[] {0, 1, 2, 3})));
        cs.add(c("int8 runs of 3", I8, 30000, i -> (long) (i / 3 % 5)));
        cs.add(c("int16 runs of 2", I16, 20000, i -> (long) (i / 2 % 7)));
        cs.add(c("int64 random pairs", I64, 10000, i -> (long) (i / 2) * 7919L));
        cs.add(c("uint32 full range", U32, 3000, random(4, 1L << 32)));
        cs.add(c("f32 uniform", F32, 1000, i -> (double) new SplittableRandom(i).nextFloat()));
        cs.add(c("f64 normal(100,5)", F64, 4000, i -> 100 + 5 * new SplittableRandom(i).nextGaussian()));
        cs.add(c("f64 uniform", F64, 1000, i -> new SplittableRandom(i).nextDouble()));
        cs.add(c("f16 uniform", F16, 3000, i -> (double) new SplittableRandom(i).nextFloat()));
        cs.add(c("f32 runs of 10", F32, 3000, i -> (double) (i / 10)));
        cs.add(c("bool random", ArrowType.Bool.INSTANCE, 10000, i -> new SplittableRandom(i).nextBoolean()));
        cs.add(c("bool 2048 true", ArrowType.Bool.INSTANCE, 8192, i -> true));
        cs.add(c("2048 int32 flat chunks keep the last log", I32, 2048, i -> i % 2 == 0 ? -(long) i : (long) i));
        cs.add(c("decimal 0..999 stays flat", DEC, 1000, i -> (long) i));
        cs.add(c("decimal from 10 values gets a dictionary", DEC, 1000, i -> (long) (i * 7 % 10) * 1_000_000_007L));
        cs.add(c("decimal with 500 of 1000 distinct", DEC, 1000, i -> (long) (i < 500 ? i : i * 31 % 500)));
        cs.add(c("decimal with 501 of 1000 distinct", DEC, 1000, i -> (long) (i < 501 ? i : i * 31 % 501)));
        // nullable: definition levels
        for (int n : new int[] {64, 65, 1024, 1025, 1100, 5000}) {
            cs.add(c("int32 with one null in " + n, I32, n, i -> i == n / 2 ? null : (long) i));
        }
        cs.add(c("int64 with 30% nulls", I64, 3000, i -> new SplittableRandom(i).nextInt(10) < 3 ? null : (long) i));
        cs.add(c("utf8 with nulls only in rows 300-309", UTF8, 1000,
                i -> i >= 300 && i < 310 ? null : "row-" + (i % 37) + "-" + i));
        // variable width: FSST thresholds, binary never
        cs.add(c("2730 8-byte strings stay variable", UTF8, 2730, randomString(5, 8, 8)));
        cs.add(c("2731 8-byte strings get FSST", UTF8, 2731, randomString(5, 8, 8)));
        cs.add(c("binary never gets FSST", BINARY, 6000, randomString(6, 8, 8)));
        cs.add(c("4-byte strings stay variable", UTF8, 20000, randomString(7, 4, 4)));
        cs.add(c("large_utf8 text gets FSST", LARGE_UTF8, 5000, sentences(8, 6)));
        cs.add(c("same-length strings are not fixed-size binary", UTF8, 3000, randomString(9, 16, 16)));
        cs.add(c("same-length strings with nulls", UTF8, 1000,
                i -> i % 10 == 0 ? null : randomString(10, 16, 16).apply(i)));
        cs.add(c("utf8 zstd", UTF8, 4000, randomString(11, 14, 14), "compression", "zstd"));
        cs.add(c("utf8 zstd level 22", UTF8, 4000, sentences(12, 4), "compression", "zstd", "compression-level", "22"));
        cs.add(c("utf8 lz4", UTF8, 4000, sentences(13, 4), "compression", "lz4"));
        cs.add(c("utf8 none", UTF8, 4000, sentences(14, 4), "compression", "none"));
        cs.add(c("small utf8 with zstd stays plain", UTF8, 200, randomString(15, 14, 14), "compression", "zstd"));
        cs.add(c("utf8 minichunk-size 100", UTF8, 300, randomString(16, 20, 20), "minichunk-size", "100"));
        cs.add(c("utf8 minichunk-size 32767", UTF8, 3000, randomString(17, 20, 20), "minichunk-size", "32767"));
        cs.add(c("utf8 minichunk-size 32768 is ignored", UTF8, 3000, randomString(18, 20, 20), "minichunk-size", "32768"));
        cs.add(c("FSST minichunk-size 1024", UTF8, 3000, sentences(32, 5), "minichunk-size", "1024"));
        cs.add(c("FSST minichunk-size 16384", UTF8, 6000, sentences(33, 5), "minichunk-size", "16384"));
        // full-zip
        cs.add(c("100 strings of 300 bytes", UTF8, 100, randomString(19, 300, 300)));
        cs.add(c("200 strings of 300 bytes with zstd", UTF8, 200, randomString(20, 300, 300), "compression", "zstd"));
        cs.add(c("200 strings of 300 bytes with lz4", UTF8, 200, randomString(21, 300, 300), "compression", "lz4"));
        cs.add(c("binary 300 bytes", BINARY, 200, randomString(22, 300, 300)));
        cs.add(c("one 32769-byte string", UTF8, 1, i -> "a".repeat(32769)));
        // dictionary
        cs.add(c("low-cardinality strings", UTF8, 5000, i -> "category-" + (i * 7 % 20)));
        cs.add(c("low-cardinality strings with nulls", UTF8, 1000,
                i -> i % 3 == 0 ? null : "status-" + (i * 7 % 20)));
        cs.add(c("sorted strings with 4095 keys", UTF8, 4095 * 5, i -> String.format("key-%08d", i / 5)));
        cs.add(c("sorted strings with 4096 keys", UTF8, 4096 * 5, i -> String.format("key-%08d", i / 5)));
        cs.add(c("long low-cardinality strings forced full-zip", UTF8, 500,
                i -> randomString(23, 300, 300).apply(i % 5), "structural-encoding", "fullzip"));
        // zstd / lz4 / byte-stream-split on fixed width
        cs.add(c("int32 0..1000 zstd", I32, 4000, random(24, 1001), "compression", "zstd"));
        cs.add(c("int32 0..1000 zstd bss off", I32, 4000, random(24, 1001), "compression", "zstd", "bss", "off"));
        cs.add(c("int32 0..1000 lz4", I32, 4000, random(24, 1001), "compression", "lz4"));
        cs.add(c("f32 normal zstd", F32, 4000, i -> 100 + 5 * new SplittableRandom(i).nextGaussian(),
                "compression", "zstd"));
        cs.add(c("f32 normal zstd bss on", F32, 4000, i -> 100 + 5 * new SplittableRandom(i).nextGaussian(),
                "compression", "zstd", "bss", "on"));
        cs.add(c("f32 bss on without compression", F32, 4000, i -> 100 + 5 * new SplittableRandom(i).nextGaussian(),
                "bss", "on"));
        cs.add(c("f64 normal zstd level 9", F64, 4000, i -> 100 + 5 * new SplittableRandom(i).nextGaussian(),
                "compression", "zstd", "compression-level", "9"));
        cs.add(c("500 int32 with zstd (small page, bss alone)", I32, 500, random(25, 1001), "compression", "zstd"));
        cs.add(c("int64 runs of 5 zstd", I64, 6000, i -> (long) (i / 5), "compression", "zstd"));
        cs.add(c("int64 runs of 5 zstd bss off", I64, 6000, i -> (long) (i / 5), "compression", "zstd", "bss", "off"));
        cs.add(c("40000 true bools zstd", ArrowType.Bool.INSTANCE, 40000, i -> true, "compression", "zstd"));
        cs.add(c("int32 runs, compression none", I32, 4000, i -> (long) (i / 40), "compression", "none"));
        cs.add(c("int32 rle-threshold 0.01", I32, 4000, i -> (long) (i / 40), "rle-threshold", "0.01"));
        return cs.stream().map(Arguments::of);
    }

    /**
     * Random pages: type, size (1 to 20,000 rows), value distribution, null rate and compression
     * metadata all drawn from a fixed seed, so the decisions are exercised away from the
     * hand-picked boundaries too.
     */
    static Stream<Arguments> randomCases() {
        ArrowType[] types = {I8, I16, I32, I64, U32, new ArrowType.Int(64, false), F16, F32, F64, DEC, UTF8, LARGE_UTF8,
            BINARY, new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY),
            new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, null)};
        String[][] metadata = {{}, {}, {}, {"compression", "zstd"}, {"compression", "lz4"}, {"compression", "none"},
            {"compression", "zstd", "bss", "on"}, {"compression", "zstd", "compression-level", "7"},
            {"dict-size-ratio", "0.5"}, {"rle-threshold", "0.2"}};
        SplittableRandom r = new SplittableRandom(20261121);
        List<Case> cs = new ArrayList<>();
        for (int k = 0; k < 160; k++) {
            ArrowType type = types[r.nextInt(types.length)];
            int rows = (int) Math.max(1, Math.round(Math.exp(r.nextDouble() * Math.log(20_000))));
            double nullRate = new double[] {0, 0, 0.01, 0.3, 0.95}[r.nextInt(5)];
            int dist = r.nextInt(6);
            int bits = 1 + r.nextInt(63);
            int runLength = 1 + r.nextInt(300);
            int cardinality = 1 + r.nextInt(Math.max(1, rows));
            long seed = r.nextLong();
            boolean text = type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
                    || type instanceof ArrowType.Binary;
            IntFunction<Object> base = i -> {
                SplittableRandom v = new SplittableRandom(seed + i);
                long x = switch (dist) {
                    case 0 -> v.nextLong() >>> (64 - bits);
                    case 1 -> (i / runLength) * 31L;
                    case 2 -> 42;
                    case 3 -> v.nextInt(cardinality);
                    case 4 -> i;
                    default -> v.nextLong(-1000, 1000);
                };
                if (text) {
                    return dist == 0 ? randomString(seed + x, 0, 1 + bits).apply(i) : "value-" + x;
                }
                if (type == F16 || type == F32 || type == F64) {
                    return dist == 0 ? v.nextDouble() * bits : (double) x / 4;
                }
                return x;
            };
            IntFunction<Object> value = i -> new SplittableRandom(seed ^ i).nextDouble() < nullRate ? null : base.apply(i);
            String[] md = metadata[r.nextInt(metadata.length)];
            String name = String.format("#%d %s rows=%d dist=%d bits=%d run=%d card=%d nulls=%.2f %s", k, type, rows,
                    dist, bits, runLength, cardinality, nullRate, String.join("=", md));
            cs.add(c(name, type, rows, value, md));
        }
        return cs.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomCases")
    void randomPagesGetOfficialEncodings(Case tc) throws Exception {
        sameEncodingAsOfficial(tc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameEncodingAsOfficial(Case tc) throws Exception {
        Schema schema = new Schema(List.of(new Field("c", new FieldType(true, tc.type(), null, tc.metadata()), null)));
        VectorSchemaRoot root = track(build(schema, tc));
        Path ours = tmp.resolve("jlance.lance");
        Path theirs = tmp.resolve("official.lance");
        OfficialReaderHarness.writeAndVerify(ours, schema, List.of(root), WriteOptions.defaults(), allocator);
        OfficialReaderHarness.writeOfficial(theirs, schema, List.of(root), allocator);
        List<LanceFileLayout.Page> expected = LanceFileLayout.read(theirs).columns().getFirst().pages();
        List<LanceFileLayout.Page> actual = LanceFileLayout.read(ours).columns().getFirst().pages();
        assertEquals(expected.stream().map(LanceFileLayout.Page::summary).toList(),
                actual.stream().map(LanceFileLayout.Page::summary).toList(), tc.name());
        boolean randomTables = expected.stream().anyMatch(p -> p.values().contains("fsst"));
        if (!randomTables) {
            assertEquals(expected.stream().map(LanceFileLayout.Page::bufferSizes).toList(),
                    actual.stream().map(LanceFileLayout.Page::bufferSizes).toList(), tc.name() + ": page buffer sizes");
        }
    }

    @Test
    void namedDecisions() throws Exception {
        assertEquals("mini-block general(zstd:22, variable(32))",
                summary(c("zstd 22", UTF8, 4000, sentences(30, 4), "compression", "zstd", "compression-level", "22")));
        assertEquals("mini-block inline_bitpacking(64)", summary(c("w10", I64, 4096, random(31, 1001))));
        assertEquals("mini-block inline_bitpacking(32)", summary(c("zeros", I32, 5000, i -> 0L)));
        String dict = summary(c("dict", UTF8, 5000, i -> "category-" + (i % 20)));
        assertEquals(true, dict.contains("dict"), dict);
    }

    private String summary(Case tc) throws Exception {
        Schema schema = new Schema(List.of(new Field("c", new FieldType(true, tc.type(), null, tc.metadata()), null)));
        VectorSchemaRoot root = track(build(schema, tc));
        Path ours = tmp.resolve(tc.name() + ".lance");
        OfficialReaderHarness.writeAndVerify(ours, schema, List.of(root), WriteOptions.defaults(), allocator);
        return LanceFileLayout.read(ours).columns().getFirst().pages().getFirst().summary();
    }

    private VectorSchemaRoot build(Schema schema, Case tc) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        FieldVector v = root.getVector(0);
        v.setInitialCapacity(tc.rows());
        v.allocateNew();
        for (int i = 0; i < tc.rows(); i++) {
            Object x = tc.value().apply(i);
            if (x == null) {
                v.setNull(i);
                continue;
            }
            switch (v) {
                case BitVector b -> b.setSafe(i, (Boolean) x ? 1 : 0);
                case Float2Vector f -> f.setSafeWithPossibleTruncate(i, ((Double) x).floatValue());
                case Float4Vector f -> f.setSafe(i, ((Double) x).floatValue());
                case Float8Vector f -> f.setSafe(i, (Double) x);
                case DecimalVector d -> d.setSafe(i, (Long) x);
                case VariableWidthFieldVector s -> s.setSafe(i, ((String) x).getBytes(StandardCharsets.UTF_8));
                case BaseFixedWidthVector f -> {
                    long value = (Long) x;
                    int width = f.getTypeWidth();
                    for (int k = 0; k < width; k++) {
                        f.getDataBuffer().setByte((long) i * width + k, (byte) (value >>> (8 * k)));
                    }
                    f.setIndexDefined(i);
                }
                default -> throw new IllegalArgumentException("no setter for " + v);
            }
        }
        v.setValueCount(tc.rows());
        root.setRowCount(tc.rows());
        return root;
    }
}
