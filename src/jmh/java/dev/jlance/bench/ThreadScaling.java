package dev.jlance.bench;

import dev.jlance.bench.data.GeneratedData;
import dev.jlance.file.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One thread against two, measured in pairs: a write on the calling thread alone, then the same
 * write on the shared pool, one after the other in one JVM, then the {@link ParallelCeilingBenchmark}
 * ALU loop on one thread and on two. On a virtual machine whose cores slow down and speed up with
 * other guests' load, separate JMH forks of {@link DatasetWriteBenchmark} ({@code threads=0} and
 * {@code all}) run minutes apart and their ratio moves with the machine; a pair runs within a
 * second, so each pair's ratio sees one machine, and the ALU ratio of the same moment says what a
 * second core was worth then. The first half of the pairs warms the JIT up and is not reported.
 *
 * <pre>
 * ./jlance threads DATASET[,DATASET...] [PAIRS] [--quick]
 * </pre>
 */
public final class ThreadScaling {

    /** ALU rounds per ceiling measurement: about 10 ms on the benchmark machines. */
    static final int CEILING_ROUNDS = 1 << 22;

    private static volatile long sink;

    private ThreadScaling() {
    }

    /** Milliseconds per pair: the two writes, and the ALU loop on one thread and on two. */
    record Pairs(double[] oneThread, double[] twoThreads, double[] aluOne, double[] aluTwo) {

        /** The speed-up of each pair from {@code from} on: one-thread time over two-thread time. */
        double[] speedUps(int from) {
            double[] r = new double[oneThread.length - from];
            for (int i = from; i < oneThread.length; i++) {
                r[i - from] = oneThread[i] / twoThreads[i];
            }
            return r;
        }

        /** What two threads did with the ALU loop, per pair from {@code from} on: 2 × one / two. */
        double[] ceilings(int from) {
            double[] r = new double[aluOne.length - from];
            for (int i = from; i < aluOne.length; i++) {
                r[i - from] = 2 * aluOne[i] / aluTwo[i];
            }
            return r;
        }

        String summary(String dataset) {
            int from = oneThread.length / 2;
            double[] s = speedUps(from);
            double[] c = ceilings(from);
            return String.format(Locale.ROOT,
                    "%s, pairs %d-%d: one thread %.1f ms, two threads %.1f ms (medians); speed-up %.2fx"
                            + " (median of the pairs; quartiles %.2f, %.2f); ALU ceiling %.2fx (quartiles %.2f, %.2f)",
                    dataset, from + 1, oneThread.length,
                    Quantiles.of(Arrays.copyOfRange(oneThread, from, oneThread.length), 0.5),
                    Quantiles.of(Arrays.copyOfRange(twoThreads, from, twoThreads.length), 0.5), Quantiles.of(s, 0.5),
                    Quantiles.of(s, 0.25), Quantiles.of(s, 0.75), Quantiles.of(c, 0.5), Quantiles.of(c, 0.25),
                    Quantiles.of(c, 0.75));
        }
    }

    /** Writes {@code data} {@code pairs} times each way, alternating, into a scratch file in {@code dir}. */
    static Pairs measure(GeneratedData data, int pairs, Path dir) throws IOException, InterruptedException {
        if (pairs < 2) {
            throw new IllegalArgumentException("at least 2 pairs (the first half only warms up): " + pairs);
        }
        double[] one = new double[pairs];
        double[] two = new double[pairs];
        double[] aluOne = new double[pairs];
        double[] aluTwo = new double[pairs];
        Path out = dir.resolve("thread-scaling.lance");
        WriteOptions alone = WriteOptions.builder().executor(Runnable::run).build();
        for (int i = 0; i < pairs; i++) {
            one[i] = timeWrite(data, out, alone);
            two[i] = timeWrite(data, out, WriteOptions.defaults());
            long start = System.nanoTime();
            sink = ParallelCeilingBenchmark.alu(CEILING_ROUNDS);
            aluOne[i] = (System.nanoTime() - start) / 1e6;
            Thread other = new Thread(() -> sink = ParallelCeilingBenchmark.alu(CEILING_ROUNDS));
            start = System.nanoTime();
            other.start();
            sink = ParallelCeilingBenchmark.alu(CEILING_ROUNDS);
            other.join();
            aluTwo[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Pairs(one, two, aluOne, aluTwo);
    }

    private static double timeWrite(GeneratedData data, Path out, WriteOptions options) throws IOException {
        long start = System.nanoTime();
        DatasetWrites.jlance(data, out, options);
        double ms = (System.nanoTime() - start) / 1e6;
        Files.delete(out);
        return ms;
    }

    public static void main(String[] args) throws Exception {
        PairedRunArgs.runEach("threads", args,
                (data, allocator, pairs, dir) -> measure(data, pairs, dir).summary(data.dataset().name()));
    }
}
