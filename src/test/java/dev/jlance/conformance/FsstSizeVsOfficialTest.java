package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.codec.fsst.FsstCorpus;
import dev.jlance.file.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same strings written by the official 7.0.0 writer (which picks FSST itself for pages of at
 * least 32 KiB whose longest value has 5+ bytes) and by jlance with FSST on every page: jlance's
 * file must not be larger. Random identifiers (UUIDs, hex digests) are compared page bytes to page
 * bytes against the best of several official runs.
 */
class FsstSizeVsOfficialTest extends ConformanceTestBase {

    @ParameterizedTest
    @EnumSource(FsstCorpus.Kind.class)
    void notLargerThanOfficialLance(FsstCorpus.Kind kind) throws Exception {
        List<byte[]> strings = new FsstCorpus(100 + kind.ordinal()).stringsOfSize(kind, 2_000_000);
        Schema schema = new Schema(List.of(new Field("s", new FieldType(false, ArrowType.Utf8.INSTANCE, null, Map.of()),
                List.of())));
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        VarCharVector v = (VarCharVector) root.getVector(0);
        v.allocateNew();
        for (int i = 0; i < strings.size(); i++) {
            v.setSafe(i, strings.get(i));
        }
        root.setRowCount(strings.size());
        Path official = newFile("official");
        OfficialReaderHarness.writeOfficial(official, schema, List.of(root), allocator);
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeAndVerify(ours, schema, List.of(root),
                WriteOptions.builder().compression(FsstConformanceTest.FSST_EVERYWHERE).build(), allocator);
        long officialBytes = Files.size(official);
        long jlanceBytes = Files.size(ours);
        long raw = strings.stream().mapToLong(s -> s.length).sum();
        System.out.printf("FSST size %-8s raw %,d  official %,d  jlance %,d  (%.2f%%)%n", kind, raw, officialBytes,
                jlanceBytes, 100.0 * (jlanceBytes - officialBytes) / officialBytes);
        if (System.getProperty("jlance.keep.fsst.files") != null) {
            Path keep = Path.of(System.getProperty("jlance.keep.fsst.files"));
            Files.createDirectories(keep);
            Files.copy(official, keep.resolve(kind.name().toLowerCase() + "-official.lance"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(ours, keep.resolve(kind.name().toLowerCase() + "-jlance.lance"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertTrue(jlanceBytes <= officialBytes, kind + ": jlance " + jlanceBytes + " > official " + officialBytes);
    }

    /** Random identifiers as text: nothing repeats beyond a pair of characters but the layout. */
    enum RandomIds {
        /** Version-4 UUIDs, "8-4-4-4-12" lowercase hex with the version and variant digits. */
        UUID,
        /** 40 lowercase hex digits, as SHA-1 digests are printed. */
        SHA1;

        List<byte[]> values(int count, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            HexFormat hex = HexFormat.of();
            List<byte[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String s = switch (this) {
                    case UUID -> {
                        String h = hex.toHexDigits((random.nextLong() & ~0xF000L) | 0x4000L);
                        String l = hex.toHexDigits((random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
                        yield h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12) + "-"
                                + l.substring(0, 4) + "-" + l.substring(4);
                    }
                    case SHA1 -> hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong())
                            + hex.toHexDigits(random.nextInt());
                };
                out.add(s.getBytes(StandardCharsets.US_ASCII));
            }
            return out;
        }
    }

    /** Official runs the random identifiers are compared with. */
    private static final int OFFICIAL_RUNS = 3;

    /**
     * Official Lance samples its FSST training strings with an OS-seeded generator, so its pages
     * differ from run to run: over ten runs on 340,000 such values, by a standard deviation of
     * 0.07% (UUIDs) and 0.04% (digests). jlance's pages, written with default options (which choose
     * FSST as official Lance does), must be no larger than the smallest of {@value #OFFICIAL_RUNS}
     * official runs; they are about 0.25% and 0.15% smaller. Before the trainer weighed a table of
     * bytes and pairs against its usual one, its UUID pages were 0.6% larger than official's best.
     */
    @ParameterizedTest
    @EnumSource(RandomIds.class)
    void randomIdsNotLargerThanOfficialsBestRun(RandomIds kind) throws Exception {
        List<byte[]> strings = kind.values(340_000, 7 + kind.ordinal());
        Schema schema = new Schema(List.of(new Field("id", new FieldType(false, ArrowType.Utf8.INSTANCE, null,
                Map.of()), List.of())));
        VectorSchemaRoot root = track(VectorSchemaRoot.create(schema, allocator));
        VarCharVector v = (VarCharVector) root.getVector(0);
        v.allocateNew();
        for (int i = 0; i < strings.size(); i++) {
            v.setSafe(i, strings.get(i));
        }
        root.setRowCount(strings.size());
        Path ours = newFile("jlance");
        OfficialReaderHarness.writeAndVerify(ours, schema, List.of(root), WriteOptions.defaults(), allocator);
        long jlance = fsstPageBytes(ours);
        long best = Long.MAX_VALUE;
        List<Long> runs = new ArrayList<>();
        for (int run = 0; run < OFFICIAL_RUNS; run++) {
            Path official = newFile("official" + run);
            OfficialReaderHarness.writeOfficial(official, schema, List.of(root), allocator);
            long bytes = fsstPageBytes(official);
            runs.add(bytes);
            best = Math.min(best, bytes);
        }
        System.out.printf("FSST pages %-4s jlance %,d  official %s  (%.3f%% vs best)%n", kind, jlance, runs,
                100.0 * (jlance - best) / best);
        assertTrue(jlance <= best, kind + ": jlance's pages " + jlance + " bytes > official's best " + runs);
    }

    /** Bytes of the pages of column 0, which must all be FSST mini-blocks. */
    private static long fsstPageBytes(Path file) throws Exception {
        long bytes = 0;
        List<LanceFilePages.Page> pages = LanceFilePages.read(file).pages(0);
        assertFalse(pages.isEmpty(), file + " has no pages");
        for (LanceFilePages.Page page : pages) {
            assertTrue(page.layout().getMiniBlockLayout().getValueCompression().hasFsst(), file + ": " + page.layout());
            for (byte[] buffer : page.buffers()) {
                bytes += buffer.length;
            }
        }
        return bytes;
    }
}
