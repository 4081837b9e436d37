package dev.jlance.compression;

/**
 * One chunk of a mini-block page as the compressor cut it.
 *
 * @param bufferSizes bytes of each value buffer in this chunk
 * @param logNumValues log2 of the chunk's value count; the last chunk may say 0, its count is
 *     whatever remains
 */
public record MiniBlockChunk(int[] bufferSizes, int logNumValues) {
    public MiniBlockChunk {
        bufferSizes = bufferSizes.clone();
    }

    public int bufferSize(int i) {
        return bufferSizes[i];
    }

    public int numBuffers() {
        return bufferSizes.length;
    }
}
