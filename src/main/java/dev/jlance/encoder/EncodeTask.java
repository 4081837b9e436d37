package dev.jlance.encoder;

import java.util.concurrent.Callable;

/**
 * The work of encoding one page, handed to an executor. It completes with the page, whose memory
 * the caller then owns and must close.
 */
@FunctionalInterface
public interface EncodeTask extends Callable<EncodedPage> {
    @Override
    EncodedPage call() throws Exception;
}
