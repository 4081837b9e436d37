package dev.jlance.data;

/** Values replaced by indices into a dictionary of distinct values. */
public record DictionaryBlock(DataBlock indices, DataBlock dictionary) implements DataBlock {
    @Override
    public long numValues() {
        return indices.numValues();
    }

    @Override
    public String kind() {
        return "dictionary(" + dictionary.kind() + ")";
    }
}
