package dev.jlance.encoder;

import java.util.concurrent.Callable;

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
}
