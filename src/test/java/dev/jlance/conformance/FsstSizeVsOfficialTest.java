package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.codec.fsst.FsstCorpus;
import dev.jlance.file.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * file must not be larger.
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
}
