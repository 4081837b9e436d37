package dev.jlance.data;

/** Rows of exactly {@code dimension} child values each (e.g. embeddings). */
public record FixedSizeListBlock(DataBlock child, int dimension) implements DataBlock {
    public FixedSizeListBlock {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
    }

    @Override
    public long numValues() {
        return child.numValues() / dimension;
    }

    @Override
    public String kind() {
        return "fixed-size-list(" + dimension + ", " + child.kind() + ")";
    }
}
