package dev.jlance.encoder.layout;

import dev.jlance.compression.BlockCompressed;

/**
 * The dictionary of a dictionary-encoded mini-block page: written as the page's third buffer, the
 * chunks then hold indices into it.
 *
 * @param values the dictionary, block-compressed
 * @param numItems entries in the dictionary
 */
public record MiniBlockDictionary(BlockCompressed values, long numItems) {
}
