package dev.jlance.conformance.nested;

import dev.jlance.conformance.nested.FuzzRunner.Outcome;
import dev.jlance.conformance.nested.FuzzRunner.Stage;
import dev.jlance.conformance.nested.FuzzRunner.Writer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs cases, in this JVM or in a worker JVM. The official reader and writer are native code: a Rust
 * panic in them aborts the whole JVM (observed: exit code 134), which would end the test run at the
 * first such case. The {@link Forked} executor therefore runs every case in a child JVM
 * ({@link FuzzWorker}) that regenerates the case from its seed, features and shrink steps (all
 * generation is deterministic); when the child dies, the case fails with a {@link WorkerCrash} that
 * carries the child's stderr (the panic message), and the next case gets a new child.
 * {@code -Djlance.fuzz.fork=false} runs cases in the test JVM instead (for a debugger).
 */
public interface FuzzExecutor extends AutoCloseable {

    Outcome run(FuzzCase c);

    /**
     * Runs {@code c} with one {@link Corruptor} change of {@code kind} made to the expected batches
     * (chosen by {@code tamperSeed}); the outcome's note is the change, {@link Corruptor.Change#encode encoded}.
     */
    Outcome runTampered(FuzzCase c, Corruptor.Kind kind, long tamperSeed);

    @Override
    void close();

    /** The executor the system properties ask for. */
    static FuzzExecutor create(Writer writer, Path dir, BufferAllocator allocator) {
        if (Boolean.parseBoolean(System.getProperty("jlance.fuzz.fork", "true"))) {
            long timeout = Long.parseLong(System.getProperty("jlance.fuzz.caseTimeoutSeconds", "300"));
            return new Forked(writer, dir, timeout * 1000);
        }
        return new InProcess(writer, dir, allocator);
    }

    /** Runs cases in this JVM. */
    final class InProcess implements FuzzExecutor {
        private final Writer writer;
        private final Path dir;
        private final BufferAllocator allocator;

        public InProcess(Writer writer, Path dir, BufferAllocator allocator) {
            this.writer = writer;
            this.dir = dir;
            this.allocator = allocator;
        }

        @Override
        public Outcome run(FuzzCase c) {
            return FuzzRunner.run(c, writer, dir, allocator, false);
        }

        @Override
        public Outcome runTampered(FuzzCase c, Corruptor.Kind kind, long tamperSeed) {
            return FuzzRunner.run(c, writer, dir, allocator, false, s -> { }, Corruptor.tamper(kind, tamperSeed));
        }

        @Override
        public void close() {
        }
    }

    /** An error thrown in a worker that could not be sent as itself: its class name, message and stack. */
    final class RemoteError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String originalClass;

        RemoteError(String originalClass, String message, StackTraceElement[] stack) {
            super(message);
            this.originalClass = originalClass;
            setStackTrace(stack);
        }
    }

    /** The worker JVM died (or hung) while running a case. */
    final class WorkerCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkerCrash(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** What a worker sends back for one case. */
    record Wire(Stage stage, Throwable error, long millis, String note) implements Serializable {
        private static final long serialVersionUID = 1L;

        static String encode(Outcome o) {
            Throwable error = o.error();
            try {
                return encode(new Wire(o.stage(), error, o.millis(), o.note()));
            } catch (IOException notSerializable) {
                StringWriter text = new StringWriter();
                error.printStackTrace(new PrintWriter(text));
                RemoteError r = new RemoteError(Outcome.className(error), error.getMessage() + "\n(remote) " + text,
                        error.getStackTrace());
                try {
                    return encode(new Wire(o.stage(), r, o.millis(), o.note()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private static String encode(Wire w) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(w);
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }

        static Outcome decode(String text) throws IOException, ClassNotFoundException {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder()
                    .decode(text)))) {
                Wire w = (Wire) in.readObject();
                return new Outcome(w.stage(), w.error(), w.millis(), w.note());
            }
        }
    }

    /** Runs every case in a worker JVM, started on first use and again after a crash. */
    final class Forked implements FuzzExecutor {
        static final String PREFIX = "@@jlance-fuzz@@ ";
        private static final String EOF = "\u0000eof";

        private final Writer writer;
        private final Path dir;
        private final long timeoutMillis;
        private Process process;
        private java.io.Writer toWorker;
        private BlockingQueue<String> fromWorker;
        private final Deque<String> stderr = new ArrayDeque<>();
        private int stderrMark;
        private int stderrLines;

        public Forked(Writer writer, Path dir, long timeoutMillis) {
            this.writer = writer;
            this.dir = dir;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public Outcome run(FuzzCase c) {
            return run(c, "");
        }

        @Override
        public Outcome runTampered(FuzzCase c, Corruptor.Kind kind, long tamperSeed) {
            return run(c, " " + kind + " " + tamperSeed);
        }

        private Outcome run(FuzzCase c, String tamper) {
            long start = System.nanoTime();
            Stage stage = Stage.GENERATE;
            try {
                start();
                synchronized (stderr) {
                    stderrMark = stderrLines;
                }
                toWorker.write("RUN " + writer + " " + c.encode() + tamper + "\n");
                toWorker.flush();
                long deadline = System.currentTimeMillis() + timeoutMillis;
                while (true) {
                    String line = fromWorker.poll(Math.max(1, deadline - System.currentTimeMillis()),
                            TimeUnit.MILLISECONDS);
                    if (line == null) {
                        stop();
                        return crashed(stage, start, "did not finish the case within " + timeoutMillis / 1000
                                + " s (-Djlance.fuzz.caseTimeoutSeconds); it was killed");
                    }
                    if (line.equals(EOF)) {
                        int exit = process.waitFor();
                        process = null;
                        return crashed(stage, start, "died with exit code " + exit
                                + (exit == 134 ? " (SIGABRT: a Rust panic in native Lance code aborts the JVM)" : ""));
                    }
                    int at = line.indexOf(PREFIX);
                    if (at < 0) {
                        continue;
                    }
                    String msg = line.substring(at + PREFIX.length());
                    if (msg.startsWith("STAGE ")) {
                        stage = Stage.valueOf(msg.substring(6).trim());
                    } else if (msg.startsWith("DONE ")) {
                        return Wire.decode(msg.substring(5).trim());
                    }
                }
            } catch (IOException | ClassNotFoundException | InterruptedException e) {
                stop();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return new Outcome(stage, new IllegalStateException("talking to the fuzz worker failed", e),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }

        private Outcome crashed(Stage stage, long start, String what) {
            try {
                Thread.sleep(300); // the stderr pump may still be reading what the dying JVM printed last
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String tail;
            synchronized (stderr) {
                tail = stderrSinceMark();
            }
            return new Outcome(stage, new WorkerCrash("the worker JVM running the case " + what + "; its stderr:\n"
                    + tail), (System.nanoTime() - start) / 1_000_000);
        }

        private String stderrSinceMark() {
            List<String> lines = new ArrayList<>(stderr);
            int skip = Math.max(0, lines.size() - (stderrLines - stderrMark));
            List<String> out = new ArrayList<>();
            int frames = 0;
            boolean inBacktrace = false;
            for (String l : lines.subList(skip, lines.size())) {
                if (l.startsWith("WARNING:")) {
                    continue;
                }
                if (l.startsWith("stack backtrace:")) {
                    inBacktrace = true;
                    frames = 0;
                } else if (inBacktrace && ++frames > 14) {
                    continue;
                }
                out.add("    " + l);
                if (out.size() >= 60) {
                    out.add("    ...");
                    break;
                }
            }
            return String.join("\n", out);
        }

        private void start() throws IOException {
            if (process != null && process.isAlive()) {
                return;
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString()));
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xmx")) {
                    cmd.add(arg);
                }
            }
            cmd.add("-Xmx3g");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(FuzzWorker.class.getName());
            cmd.add(dir.toString());
            process = new ProcessBuilder(cmd).start();
            toWorker = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            fromWorker = queue;
            Process p = process;
            Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)), queue), "fuzz-worker-stdout");
            out.setDaemon(true);
            out.start();
            Thread err = new Thread(() -> pumpStderr(new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))), "fuzz-worker-stderr");
            err.setDaemon(true);
            err.start();
        }

        private static void pump(BufferedReader in, BlockingQueue<String> queue) {
            try (in) {
                String line;
                while ((line = in.readLine()) != null) {
                    queue.add(line);
                }
            } catch (IOException ignored) {
                // the worker is gone
            }
            queue.add(EOF);
        }

        private void pumpStderr(BufferedReader in) {
            try (in) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (stderr) {
                        stderr.addLast(line);
                        stderrLines++;
                        if (stderr.size() > 2000) {
                            stderr.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the worker is gone
            }
        }

        private void stop() {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }

        @Override
        public void close() {
            if (process != null) {
                try {
                    toWorker.close(); // the worker exits at the end of its input
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        stop();
                    }
                } catch (IOException | InterruptedException e) {
                    stop();
                }
                process = null;
            }
        }
    }
}
