package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.FormatVersion;
import dev.jlance.codec.ByteStreamSplitCodec;
import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.GeneralBlockCodec;
import dev.jlance.codec.GeneralCompression;
import dev.jlance.codec.GeneralMiniBlockCodec;
import dev.jlance.codec.GeneralPerValueCodec;
import dev.jlance.codec.RleCodec;
import dev.jlance.codec.VariableCodec;
import dev.jlance.compression.CompressionStrategy;
import dev.jlance.compression.MiniBlockCompressor;
import dev.jlance.conformance.TestData.Nulls;
import dev.jlance.conformance.TestData.TypeCase;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.file.WriteOptions;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pages compressed with RLE, byte-stream-split and zstd/lz4 (forced by a test strategy) are read
 * back by the official 7.0.0 reader with every value intact: every flat type, nulls (with garbage
 * under them), several batches and pages, mini-block and full-zip (format 2.1). Each test
 * also checks, from the file's bytes, that the forced encoding really is what the pages carry.
 */
class CompressedRoundTripTest extends ConformanceTestBase {

    /** A forced choice: the compressor for a page's statistics, or empty for the default. */
    private record Codec(String name, Function<BlockStatistics, Optional<MiniBlockCompressor>> choose) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static boolean wordWidth(BlockStatistics s) {
        return s.block() instanceof FixedWidthBlock f && List.of(8, 16, 32, 64).contains(f.bitsPerValue());
    }

    private static boolean bssWidth(BlockStatistics s) {
        return s.block() instanceof FixedWidthBlock f && (f.bitsPerValue() == 32 || f.bitsPerValue() == 64);
    }

    /** General compression over flat (fixed) or variable (binary) values. */
    private static Codec general(String name, GeneralCompression g) {
        return new Codec(name, s -> switch (s.block()) {
            case FixedWidthBlock f -> Optional.of(new GeneralMiniBlockCodec(FlatCodec.INSTANCE, g));
            case VariableWidthBlock v -> Optional.of(new GeneralMiniBlockCodec(VariableCodec.INSTANCE, g));
            default -> Optional.empty();
        });
    }

    static final List<Codec> CODECS = List.of(
            new Codec("rle", s -> wordWidth(s) ? Optional.of(RleCodec.INSTANCE) : Optional.empty()),
            new Codec("bss", s -> bssWidth(s) ? Optional.of(ByteStreamSplitCodec.INSTANCE) : Optional.empty()),
            general("zstd", GeneralCompression.zstd()),
            general("lz4", GeneralCompression.lz4()),
            new Codec("zstd-rle", s -> wordWidth(s)
                    ? Optional.of(new GeneralMiniBlockCodec(RleCodec.INSTANCE, GeneralCompression.zstd()))
                    : Optional.empty()),
            new Codec("lz4-rle", s -> wordWidth(s)
                    ? Optional.of(new GeneralMiniBlockCodec(RleCodec.INSTANCE, GeneralCompression.lz4()))
                    : Optional.empty()),
            new Codec("zstd-bss", s -> bssWidth(s)
                    ? Optional.of(new GeneralMiniBlockCodec(ByteStreamSplitCodec.INSTANCE, GeneralCompression.zstd()))
                    : Optional.empty()),
            new Codec("lz4-bss", s -> bssWidth(s)
                    ? Optional.of(new GeneralMiniBlockCodec(ByteStreamSplitCodec.INSTANCE, GeneralCompression.lz4()))
                    : Optional.empty()));

    static final List<Codec> LEVELS = List.of(general("zstd-level-1", GeneralCompression.zstd(1)),
            general("zstd-level-3", GeneralCompression.zstd(3)), general("zstd-level-22", GeneralCompression.zstd(22)),
            general("zstd-level-minus-7", GeneralCompression.zstd(-7)));

    private static boolean applies(Codec codec, TypeCase tc) {
        ArrowType t = tc.type();
        boolean word = t instanceof ArrowType.Int || t instanceof ArrowType.FloatingPoint || t instanceof ArrowType.Date
                || t instanceof ArrowType.Time || t instanceof ArrowType.Timestamp || t instanceof ArrowType.Duration;
        boolean wide = word && !(t instanceof ArrowType.Int i && i.getBitWidth() < 32)
                && !(t instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.HALF);
        return switch (codec.name()) {
            case "rle", "zstd-rle", "lz4-rle" -> word;
            case "bss", "zstd-bss", "lz4-bss" -> wide;
            default -> true;
        };
    }

    static Stream<Arguments> flatCases() {
        List<Arguments> out = new ArrayList<>();
        for (TypeCase tc : TestData.nonNullTypes()) {
            for (Codec c : CODECS) {
                if (applies(c, tc)) {
                    out.add(Arguments.of(tc, c));
                }
            }
        }
        for (String name : List.of("int32", "float64", "utf8", "large_binary_short", "bool", "decimal128_38_10")) {
            for (Codec c : LEVELS) {
                out.add(Arguments.of(TestData.byName(name), c));
            }
        }
        return out.stream();
    }

    /** What a mini-block page's value encoding may be when {@code codec} was forced (general may step back). */
    private static void assertForcedEncoding(Codec codec, CompressiveEncoding e, String where) {
        String d = CompressiveEncodings.describe(e);
        String inner = e.hasGeneral() ? CompressiveEncodings.describe(e.getGeneral().getValues()) : d;
        String name = codec.name();
        boolean ok;
        if (name.startsWith("rle")) {
            ok = e.hasRle();
        } else if (name.equals("bss")) {
            ok = e.hasByteStreamSplit();
        } else {
            String scheme = name.substring(0, name.indexOf('-') < 0 ? name.length() : name.indexOf('-'));
            boolean general = d.startsWith(scheme + "(");
            String base = name.endsWith("-rle") ? "rle" : name.endsWith("-bss") ? "bss" : null;
            ok = (general || !e.hasGeneral()) && (base == null || inner.startsWith(base));
        }
        assertTrue(ok, where + ": forced " + name + " but the page says " + d);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("flatCases")
    void flatTypesReadBack(TypeCase tc, Codec codec) throws Exception {
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        int[] sizes = {5000, 1, 3000, 77};
        for (int b = 0; b < sizes.length; b++) {
            batches.add(track(TestData.root(allocator, schema, List.of(tc), sizes[b], 900 + b,
                    b == 1 ? Nulls.NONE : Nulls.RANDOM)));
        }
        Path file = newFile("c");
        OfficialReaderHarness.writeAndVerify(file, schema, batches,
                WriteOptions.builder().compression(ForcedCompression.miniBlock(codec.choose())).build(), allocator);
        checkPages(file, codec, tc);
    }

    private static void checkPages(Path file, Codec codec, TypeCase tc) throws Exception {
        boolean sawForced = false;
        for (LanceFilePages.Page p : LanceFilePages.read(file).pages(0)) {
            if (p.layout().hasMiniBlockLayout()) {
                CompressiveEncoding e = p.layout().getMiniBlockLayout().getValueCompression();
                if (!e.hasFlat() && !e.hasVariable()) {
                    assertForcedEncoding(codec, e, tc.name());
                    sawForced = true;
                } else if (codec.name().startsWith("rle") || codec.name().equals("bss")) {
                    throw new AssertionError(tc.name() + ": " + codec.name() + " forced but the page is "
                            + CompressiveEncodings.describe(e));
                }
            }
        }
        // General compression may step back (under 4 KiB, or when it does not shrink); RLE and BSS never do.
        boolean miniBlock = LanceFilePages.read(file).page(0, 0).layout().hasMiniBlockLayout();
        if (miniBlock && (codec.name().endsWith("rle") || codec.name().endsWith("bss"))) {
            assertTrue(sawForced, tc.name() + ": no page took " + codec.name());
        }
    }

    /** Compressible data: general compression must really be taken, over flat and over variable values. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("compressibleCases")
    void generalIsTakenOnCompressibleData(String type, String scheme) throws Exception {
        TypeCase tc = TestData.byName(type);
        Codec codec = general(scheme, scheme.equals("zstd") ? GeneralCompression.zstd() : GeneralCompression.lz4());
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            // the same 300 rows again and again: every chunk repeats itself
            batches.add(track(TestData.root(allocator, schema, List.of(tc), b == 3 ? 7 : 3000, 4242,
                    b % 2 == 0 ? Nulls.RANDOM : Nulls.ALTERNATE)));
        }
        Path file = newFile("c");
        OfficialReaderHarness.writeAndVerify(file, schema, batches, WriteOptions.builder().cacheBytesPerColumn(8 * 1024)
                .compression(ForcedCompression.miniBlock(codec.choose())).build(), allocator);
        List<LanceFilePages.Page> pages = LanceFilePages.read(file).pages(0);
        assertTrue(pages.size() > 1, "several pages");
        long general = pages.stream().filter(p -> p.layout().getMiniBlockLayout().getValueCompression().hasGeneral())
                .count();
        assertTrue(general >= pages.size() - 1, general + " of " + pages.size() + " pages compressed");
    }

    static Stream<Arguments> compressibleCases() {
        return Stream.of("zstd", "lz4").flatMap(s -> Stream.of("int64", "float32", "utf8_short", "large_binary_short",
                "decimal128_10_2", "fsb16", "int8").map(t -> Arguments.of(t, s)));
    }

    // -------------------------------------------------------------------------------------------
    // Runs: long runs, runs over 255, runs across chunk cuts and page cuts, with nulls
    // -------------------------------------------------------------------------------------------

    private VectorSchemaRoot runs(int bits, int n, long seed, boolean nulls) {
        Field f = new Field("r", new FieldType(true, new ArrowType.Int(bits, true), null), null);
        VectorSchemaRoot root = track(VectorSchemaRoot.create(new Schema(List.of(f)), allocator));
        root.allocateNew();
        FieldVector v = root.getVector(0);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        long value = 0;
        int left = 0;
        for (int i = 0; i < n; i++) {
            if (left == 0) {
                value = r.nextLong();
                left = switch (r.nextInt(4)) {
                    case 0 -> 1 + r.nextInt(3);
                    case 1 -> 200 + r.nextInt(120); // around 255
                    case 2 -> 3000 + r.nextInt(3000); // across chunks of 4096
                    default -> 1 + r.nextInt(40);
                };
            }
            left--;
            if (nulls && r.nextInt(10) == 0) {
                v.setNull(i);
                continue;
            }
            switch (v) {
                case TinyIntVector t -> t.setSafe(i, (byte) value);
                case SmallIntVector t -> t.setSafe(i, (short) value);
                case IntVector t -> t.setSafe(i, (int) value);
                case BigIntVector t -> t.setSafe(i, value);
                default -> throw new IllegalStateException();
            }
        }
        v.setValueCount(n);
        root.setRowCount(n);
        return root;
    }

    static Stream<Arguments> runCases() {
        List<Arguments> out = new ArrayList<>();
        for (int bits : new int[] {8, 16, 32, 64}) {
            for (String codec : List.of("rle", "zstd-rle", "lz4-rle")) {
                out.add(Arguments.of(bits, codec, "2.1"));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "int{0} {1} {2}")
    @MethodSource("runCases")
    void runsReadBack(int bits, String codecName, String version) throws Exception {
        Codec codec = CODECS.stream().filter(c -> c.name().equals(codecName)).findFirst().orElseThrow();
        List<VectorSchemaRoot> batches = List.of(runs(bits, 40_000, bits, true), runs(bits, 9_000, bits + 1, false),
                runs(bits, 30_000, bits + 2, true));
        Path file = newFile("r");
        ForcedCompression strategy = ForcedCompression.miniBlock(codec.choose())
                .forVersion(FormatVersion.parse(version));
        OfficialReaderHarness.writeAndVerify(file, batches.getFirst().getSchema(), batches, WriteOptions.builder()
                .formatVersion(version).cacheBytesPerColumn(16 * 1024).compression(strategy).build(), allocator);
        LanceFilePages pages = LanceFilePages.read(file);
        assertTrue(pages.numPages(0) > 1, "several pages");
        for (LanceFilePages.Page p : pages.pages(0)) {
            assertForcedEncoding(codec, p.layout().getMiniBlockLayout().getValueCompression(), "int" + bits);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Definition levels compressed with general block compression, chunk by chunk
    // -------------------------------------------------------------------------------------------

    static Stream<Arguments> levelCases() {
        return Stream.of("zstd", "lz4").flatMap(s -> Stream.of("int32", "float64", "utf8_short", "bool", "fsb16")
                .map(t -> Arguments.of(t, s)));
    }

    @ParameterizedTest(name = "{0} levels {1}")
    @MethodSource("levelCases")
    void definitionLevelsUnderGeneralCompression(String type, String scheme) throws Exception {
        TypeCase tc = TestData.byName(type);
        GeneralCompression g = scheme.equals("zstd") ? GeneralCompression.zstd() : GeneralCompression.lz4();
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        List<VectorSchemaRoot> batches = List.of(track(TestData.root(allocator, schema, List.of(tc), 9000, 77,
                Nulls.RANDOM)), track(TestData.root(allocator, schema, List.of(tc), 100, 78, Nulls.ALTERNATE)));
        Path file = newFile("c");
        CompressionStrategy strategy = ForcedCompression.miniBlock(s -> Optional.empty())
                .withLevels(new GeneralBlockCodec(FlatCodec.INSTANCE, g));
        OfficialReaderHarness.writeAndVerify(file, schema, batches,
                WriteOptions.builder().compression(strategy).build(), allocator);
        LanceFilePages.Page p = LanceFilePages.read(file).page(0, 0);
        assertEquals(g.wrap(CompressiveEncodings.flat(16)), p.layout().getMiniBlockLayout().getDefCompression());
    }

    // -------------------------------------------------------------------------------------------
    // Full-zip: every value compressed on its own
    // -------------------------------------------------------------------------------------------

    static Stream<Arguments> fullZipCases() {
        List<Arguments> out = new ArrayList<>();
        for (String type : List.of("utf8", "large_utf8", "binary", "large_binary", "utf8_long", "large_binary_long",
                "binary_short", "large_utf8_short")) {
            for (String scheme : List.of("zstd0", "zstd", "zstd-level-19", "zstd-level-minus-3")) {
                out.add(Arguments.of(type, scheme));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fullZipCases")
    void fullZipPerValueReadBack(String type, String scheme) throws Exception {
        TypeCase tc = TestData.byName(type);
        GeneralCompression g = switch (scheme) {
            case "zstd0" -> GeneralCompression.perValueDefault();
            case "zstd" -> GeneralCompression.zstd();
            case "zstd-level-19" -> GeneralCompression.zstd(19);
            default -> GeneralCompression.zstd(-3);
        };
        // Short values are forced into full-zip through the field metadata.
        Field field = TestData.field(tc, "c", true, Map.of("lance-encoding:structural-encoding", "fullzip"));
        Schema schema = new Schema(List.of(field));
        List<VectorSchemaRoot> batches = List.of(
                track(TestData.root(allocator, schema, List.of(tc), 700, 31, Nulls.RANDOM)),
                track(TestData.root(allocator, schema, List.of(tc), 1, 32, Nulls.NONE)),
                track(TestData.root(allocator, schema, List.of(tc), 300, 33, Nulls.ALTERNATE)));
        Path file = newFile("c");
        OfficialReaderHarness.writeAndVerify(file, schema, batches, WriteOptions.builder()
                .compression(ForcedCompression.perValue(new GeneralPerValueCodec(g))).build(), allocator);
        for (LanceFilePages.Page p : LanceFilePages.read(file).pages(0)) {
            assertTrue(p.layout().hasFullZipLayout());
            assertEquals(g.wrap(CompressiveEncodings.variable(tc.type() instanceof ArrowType.LargeUtf8
                    || tc.type() instanceof ArrowType.LargeBinary ? 64 : 32)),
                    p.layout().getFullZipLayout().getValueCompression());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullZipMultiPage")
    void fullZipAcrossPages(String version) throws Exception {
        TypeCase tc = TestData.byName("utf8_long");
        Schema schema = new Schema(List.of(TestData.field(tc, "c", true)));
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            batches.add(track(TestData.root(allocator, schema, List.of(tc), 200, 50 + b, Nulls.RANDOM)));
        }
        Path file = newFile("c");
        OfficialReaderHarness.writeAndVerify(file, schema, batches, WriteOptions.builder().formatVersion(version)
                .cacheBytesPerColumn(100 * 1024).compression(ForcedCompression.perValue(
                        new GeneralPerValueCodec(GeneralCompression.perValueDefault())).forVersion(
                                FormatVersion.parse(version))).build(), allocator);
        assertTrue(LanceFilePages.read(file).numPages(0) > 1);
    }

    static Stream<String> fullZipMultiPage() {
        return Stream.of("2.1"); // jlance does not write 2.2 yet
    }
}
