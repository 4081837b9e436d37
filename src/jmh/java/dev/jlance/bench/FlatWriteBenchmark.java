package dev.jlance.bench;

import dev.jlance.file.LanceFileWriter;
import dev.jlance.file.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writes the same in-memory table (int64 ids plus short strings) with jlance and with the official
 * Lance writer, format 2.1, to a file in a temporary directory. Run with {@code ./jlance bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class FlatWriteBenchmark {

    @Param({"1000000"})
    public int rows;

    private BufferAllocator allocator;
    private VectorSchemaRoot root;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        allocator = new RootAllocator();
        Schema schema = new Schema(List.of(Field.notNullable("id", new ArrowType.Int(64, true)),
                Field.nullable("name", ArrowType.Utf8.INSTANCE)));
        root = VectorSchemaRoot.create(schema, allocator);
        root.allocateNew();
        BigIntVector id = (BigIntVector) root.getVector(0);
        VarCharVector name = (VarCharVector) root.getVector(1);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < rows; i++) {
            id.setSafe(i, i * 3L + random.nextInt(3));
            if (random.nextInt(20) == 0) {
                name.setNull(i);
            } else {
                name.setSafe(i, ("user-" + random.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8));
            }
        }
        root.setRowCount(rows);
        dir = Files.createTempDirectory("jlance-bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        root.close();
        allocator.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public long jlance() throws IOException {
        Path out = dir.resolve("jlance.lance");
        try (LanceFileWriter writer = LanceFileWriter.open(out, root.getSchema(), WriteOptions.defaults())) {
            writer.write(root);
        }
        return Files.size(out);
    }

    @Benchmark
    public long official() throws Exception {
        Path out = dir.resolve("official.lance");
        try (org.lance.file.LanceFileWriter writer = org.lance.file.LanceFileWriter.open(out.toString(), allocator,
                null, Optional.of("2.1"), Map.of())) {
            writer.write(root);
        }
        return Files.size(out);
    }
}
