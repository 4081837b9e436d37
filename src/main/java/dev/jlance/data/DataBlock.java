package dev.jlance.data;

/**
 * The values of one page of one column, in memory, before compression. A closed family: every
 * compressor and layout switches over exactly these shapes.
 *
 * <p>Blocks are views: they never own their buffers (an arena or Arrow does).
 */
public sealed interface DataBlock
        permits AllNullBlock, FixedWidthBlock, VariableWidthBlock, NullableBlock, FixedSizeListBlock, StructBlock,
        DictionaryBlock {

    /** Number of values (slots, nulls included). */
    long numValues();

    /** Short name for messages and summaries. */
    String kind();
}
