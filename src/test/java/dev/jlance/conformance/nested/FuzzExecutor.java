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
import java.nio.file.Files;
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

    /** The executor the system properties ask for; {@code reserve}: keep a warm spare worker (see {@link Forked}). */
    static FuzzExecutor create(Writer writer, Path dir, BufferAllocator allocator, boolean reserve) {
        if (Boolean.parseBoolean(System.getProperty("jlance.fuzz.fork", "true"))) {
            long timeout = Long.parseLong(System.getProperty("jlance.fuzz.caseTimeoutSeconds", "300"));
            return new Forked(writer, dir, timeout * 1000, reserve);
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

    /**
     * Runs every case in a worker JVM. A second, warm worker waits in reserve: starting a JVM and loading
     * the official native library (about 180 MB, unpacked from its jar on every start) takes seconds, so
     * after a crash the reserve takes over at once and a new reserve starts in the background. Workers
     * run with C1 only and a class-data archive in {@code target/} ({@code -Djlance.fuzz.workerJvmArgs}
     * replaces these flags): most cases are small, and a restarted worker is fast at once.
     */
    final class Forked implements FuzzExecutor {
        static final String PREFIX = "@@jlance-fuzz@@ ";
        private static final String EOF = "\u0000eof";

        private final Writer writer;
        private final Path dir;
        private final long timeoutMillis;
        private final boolean keepReserve;
        private Worker current;
        private Worker reserve;

        public Forked(Writer writer, Path dir, long timeoutMillis, boolean keepReserve) {
            this.writer = writer;
            this.dir = dir;
            this.timeoutMillis = timeoutMillis;
            this.keepReserve = keepReserve;
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
            Worker w = null;
            try {
                w = worker();
                w.markStderr();
                w.send("RUN " + writer + " " + c.encode() + tamper);
                long deadline = System.currentTimeMillis() + timeoutMillis;
                while (true) {
                    String line = w.lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                    if (line == null) {
                        w.kill();
                        return w.crashed(stage, start, "did not finish the case within " + timeoutMillis / 1000
                                + " s (-Djlance.fuzz.caseTimeoutSeconds); it was killed");
                    }
                    if (line.equals(EOF)) {
                        int exit = w.process.waitFor();
                        Outcome crash = w.crashed(stage, start, "died with exit code " + exit
                                + (exit == 134 ? " (SIGABRT: a Rust panic in native Lance code aborts the JVM)" : ""));
                        w.kill(); // (and its temporary files)
                        return crash;
                    }
                    String msg = Worker.message(line);
                    if (msg == null) {
                        continue;
                    }
                    if (msg.startsWith("STAGE ")) {
                        stage = Stage.valueOf(msg.substring(6).trim());
                    } else if (msg.startsWith("DONE ")) {
                        return Wire.decode(msg.substring(5).trim());
                    }
                }
            } catch (IOException | ClassNotFoundException | InterruptedException e) {
                if (w != null) {
                    w.kill();
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return new Outcome(stage, new IllegalStateException("talking to the fuzz worker failed", e),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }

        /** The live worker: the current one, or the reserve once the current one died; a new reserve starts. */
        private Worker worker() throws IOException {
            if (current == null || !current.process.isAlive()) {
                if (current != null) {
                    current.kill();
                }
                current = reserve != null && reserve.process.isAlive() ? reserve : new Worker(writer, dir);
                reserve = null;
            }
            if (reserve == null && keepReserve) {
                reserve = new Worker(writer, dir);
            }
            return current;
        }

        @Override
        public void close() {
            for (Worker w : new Worker[] {current, reserve}) {
                if (w != null) {
                    w.close();
                }
            }
            current = null;
            reserve = null;
        }
    }

    /**
     * One worker JVM: its process, its stdout lines, the tail of its stderr, and its own temporary
     * directory ({@code java.io.tmpdir}), removed when it ends: the official library unpacks its 180 MB
     * native code there on every start and a JVM that aborts never removes it.
     */
    final class Worker {
        private final Process process;
        private final Path tmp;
        private final java.io.Writer toWorker;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Deque<String> stderr = new ArrayDeque<>();
        private int stderrMark;
        private int stderrLines;

        Worker(Writer writer, Path dir) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString()));
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xmx")) {
                    cmd.add(arg);
                }
            }
            cmd.add("-Xmx3g");
            tmp = Files.createTempDirectory(dir, "worker-tmp");
            cmd.add("-Djava.io.tmpdir=" + tmp);
            String archive = Path.of(System.getProperty("user.dir"), "target", "fuzz-worker-" + writer + ".jsa")
                    .toString();
            String flags = System.getProperty("jlance.fuzz.workerJvmArgs", "-XX:TieredStopAtLevel=1"
                    + " -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=" + archive);
            for (String extra : flags.split(" ")) {
                if (!extra.isBlank()) {
                    cmd.add(extra);
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(FuzzWorker.class.getName());
            cmd.add(dir.toString());
            process = new ProcessBuilder(cmd).start();
            toWorker = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))), "fuzz-worker-stdout");
            out.setDaemon(true);
            out.start();
            Thread err = new Thread(() -> pumpStderr(new BufferedReader(new InputStreamReader(
                    process.getErrorStream(), StandardCharsets.UTF_8))), "fuzz-worker-stderr");
            err.setDaemon(true);
            err.start();
            send("WARM"); // loads the native library and the encoder while the other worker is busy
        }

        void send(String command) throws IOException {
            toWorker.write(command + "\n");
            toWorker.flush();
        }

        /** The protocol message in a stdout line, or null for other output. */
        static String message(String line) {
            int at = line.indexOf(Forked.PREFIX);
            return at < 0 ? null : line.substring(at + Forked.PREFIX.length());
        }

        void markStderr() {
            synchronized (stderr) {
                stderrMark = stderrLines;
            }
        }

        private void pump(BufferedReader in) {
            try (in) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the worker is gone
            }
            lines.add(Forked.EOF);
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

        Outcome crashed(Stage stage, long start, String what) {
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
            List<String> all = new ArrayList<>(stderr);
            int skip = Math.max(0, all.size() - (stderrLines - stderrMark));
            List<String> out = new ArrayList<>();
            int frames = 0;
            boolean inBacktrace = false;
            for (String l : all.subList(skip, all.size())) {
                if (l.startsWith("WARNING:") || l.startsWith("[") && l.contains("][warning][cds")) {
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

        /** Ends the process (if it still runs) and removes its temporary directory. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FuzzRunner.deleteTree(tmp);
        }

        void close() {
            try {
                toWorker.close(); // the worker exits at the end of its input
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // killed below
            }
            kill();
        }
    }
}
