package dev.jlance.data;

import java.util.List;

/** One block per child, all of the same length. */
public record StructBlock(List<DataBlock> children, long numValues) implements DataBlock {
    public StructBlock {
        children = List.copyOf(children);
        for (DataBlock c : children) {
            if (c.numValues() != numValues) {
                throw new IllegalArgumentException("struct child has " + c.numValues() + " values, expected " + numValues);
            }
        }
    }

    @Override
    public String kind() {
        return "struct(" + children.size() + ")";
    }
}
