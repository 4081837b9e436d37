package dev.jlance.encoder.layout;

/**
 * A page does not fit the mini-block layout: one of its chunks would exceed what the chunk header
 * can describe (2.1: 32 KiB per chunk, u16 level counts and buffer sizes). Happens with very sparse
 * or very long lists, whose levels pile up in a chunk; the page encoder then picks a layout
 * without chunks.
 */
public final class MiniBlockOverflowException extends RuntimeException {

    public MiniBlockOverflowException(String message) {
        super(message, null, false, false);
    }
}
