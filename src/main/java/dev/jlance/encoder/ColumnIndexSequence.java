package dev.jlance.encoder;

import java.util.ArrayList;
import java.util.List;

/** Hands out column indices in schema pre-order and remembers which field got which. */
public final class ColumnIndexSequence {

    /** A field id and the column index it got. */
    public record Assignment(int fieldId, int columnIndex) {
    }

    private int next;
    private final List<Assignment> mapping = new ArrayList<>();

    public int nextColumnIndex(int fieldId) {
        int idx = next++;
        mapping.add(new Assignment(fieldId, idx));
        return idx;
    }

    public void skip() {
        next++;
    }

    public List<Assignment> mapping() {
        return List.copyOf(mapping);
    }
}
