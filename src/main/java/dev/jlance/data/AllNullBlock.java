package dev.jlance.data;

/** Values that are all null: nothing but a count. */
public record AllNullBlock(long numValues) implements DataBlock {
    @Override
    public String kind() {
        return "all-null";
    }
}
