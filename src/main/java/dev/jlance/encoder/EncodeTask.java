package dev.jlance.encoder;

import dev.jlance.parallel.PieceWork;
import dev.jlance.parallel.StartedTask;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The work of encoding one page, handed to an executor. It completes with the page, whose memory
 * the caller then owns and must close. A task that will never run (the executor refused it) must be
 * {@link #discard() discarded} so the data it holds is released.
 */
public interface EncodeTask extends Callable<EncodedPage> {

    @Override
    EncodedPage call() throws Exception;

    /** Releases what the task holds without running it. */
    void discard();

    /** Bytes of input the task holds until it has run (for the writer's in-flight budget). */
    long inputBytes();

    /**
     * Hands the task to {@code executor} (see {@link StartedTask}), which also takes the pieces the
     * task's codecs split off ({@link PieceWork}). When the executor refuses it, its exception comes
     * out of this call and the task has not run (the caller discards it).
     */
    default StartedTask<EncodedPage> startOn(Executor executor) {
        return StartedTask.start(() -> PieceWork.withHelpers(executor, this), executor);
    }

    /** Encodes {@code page} with {@code encoder}, closing the page afterwards (or when discarded). */
    static EncodeTask of(PendingPage page, Function<PendingPage, EncodedPage> encoder) {
        return new EncodeTask() {
            @Override
            public EncodedPage call() {
                try (page) {
                    return encoder.apply(page);
                }
            }

            @Override
            public void discard() {
                page.close();
            }

            @Override
            public long inputBytes() {
                return page.inputBytes();
            }
        };
    }
}
