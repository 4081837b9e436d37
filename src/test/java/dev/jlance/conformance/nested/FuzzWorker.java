package dev.jlance.conformance.nested;

import dev.jlance.conformance.nested.FuzzRunner.Outcome;
import dev.jlance.conformance.nested.FuzzRunner.Writer;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The child JVM of {@link FuzzExecutor.Forked}: reads {@code RUN <writer> <encoded case> [<corruption kind>
 * <seed>]} lines (and {@code WARM}: run a small case, answer nothing) from stdin, runs each case with {@link FuzzRunner} and answers on stdout with
 * {@code STAGE <stage>} lines as the case proceeds and one {@code DONE <outcome>} line. Everything else
 * this JVM prints goes to stderr, so the protocol lines stay intact.
 */
public final class FuzzWorker {

    private FuzzWorker() {
    }

    /** Runs a small case with both writers, so the native library and the encoder are loaded before real work. */
    private static void warmUp(Path dir, BufferAllocator allocator) {
        Schema schema = new Schema(
                List.of(NestedComparatorSelfTest.curatedSchema().getFields().getFirst()));
        FuzzCase c = new FuzzCase(1, schema, List.of(new FuzzCase.BatchSpec(50, 1, FuzzCase.Mood.NORMAL)), 0,
                997, Map.of(), Set.of(), 1000, EnumSet.allOf(FuzzCase.Quirk.class),
                List.of());
        for (Writer w : Writer.values()) {
            FuzzRunner.run(c, w, dir, allocator, false);
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Path dir = Path.of(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (BufferAllocator allocator = new RootAllocator()) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("WARM")) {
                    warmUp(dir, allocator);
                    continue;
                }
                String[] p = line.trim().split(" ");
                if ((p.length != 3 && p.length != 5) || !p[0].equals("RUN")) {
                    throw new IllegalArgumentException("bad command: " + line);
                }
                Writer writer = Writer.valueOf(p[1]);
                FuzzCase c = FuzzCase.decode(p[2]);
                Function<NestedDataGenerator.Batches, String> tamper = p.length == 5
                        ? Corruptor.tamper(Corruptor.Kind.valueOf(p[3]), Long.parseLong(p[4])) : b -> null;
                Outcome o = FuzzRunner.run(c, writer, dir, allocator, false,
                        s -> protocol.println(FuzzExecutor.Forked.PREFIX + "STAGE " + s), tamper);
                protocol.println(FuzzExecutor.Forked.PREFIX + "DONE " + FuzzExecutor.Wire.encode(o));
            }
        }
    }
}
