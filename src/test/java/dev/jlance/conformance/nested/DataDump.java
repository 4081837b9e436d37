package dev.jlance.conformance.nested;

import dev.jlance.conformance.OfficialReaderHarness;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Prints small batches as text for failure reports: every row as nested values, plus the buffer
 * layout that matters for nested bugs (where offsets start, how far child vectors reach, what null
 * lists span).
 */
final class DataDump {

    private static final int MAX_ROW_CHARS = 3000;

    private DataDump() {
    }

    static String dump(List<VectorSchemaRoot> roots, List<? extends DictionaryProvider> providers, int maxRows) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int b = 0; b < roots.size(); b++) {
            VectorSchemaRoot root = roots.get(b);
            sb.append("\n    batch ").append(b).append(" (").append(root.getRowCount()).append(" rows)");
            for (FieldVector v : root.getFieldVectors()) {
                layout(v, v.getField().getName(), root.getRowCount(), sb);
            }
            for (int i = 0; i < root.getRowCount(); i++) {
                if (shown++ >= maxRows) {
                    sb.append("\n      ... (rows left out)");
                    return sb.toString();
                }
                StringBuilder row = new StringBuilder();
                row.append("{");
                for (int c = 0; c < root.getFieldVectors().size(); c++) {
                    FieldVector v = root.getVector(c);
                    row.append(c == 0 ? "" : ", ").append(v.getField().getName()).append(": ");
                    value(v, i, providers.get(b), row);
                }
                row.append("}");
                String text = row.length() > MAX_ROW_CHARS ? cut(row.toString(), MAX_ROW_CHARS) + "..." : row.toString();
                sb.append("\n      row ").append(i).append(": ").append(text);
            }
        }
        return sb.toString();
    }

    /** The first {@code n} chars of {@code s}, one fewer if that would split a surrogate pair (which garbles reports). */
    static String cut(String s, int n) {
        return n < s.length() && n > 0 && Character.isHighSurrogate(s.charAt(n - 1)) ? s.substring(0, n - 1)
                : s.substring(0, Math.min(n, s.length()));
    }

    /** Lines for every list / variable-width vector whose buffers are not plain: offsets not from 0, longer children. */
    private static void layout(FieldVector v, String path, int count, StringBuilder sb) {
        switch (v) {
            case StructVector s -> {
                for (FieldVector c : s.getChildrenFromFields()) {
                    layout(c, path + "." + c.getField().getName(), count, sb);
                }
            }
            case ListVector l -> {
                long first = count == 0 ? 0 : l.getOffsetBuffer().getInt(0);
                long last = count == 0 ? 0 : l.getOffsetBuffer().getInt(4L * count);
                listLayout(path, first, last, l.getDataVector(), sb);
            }
            case LargeListVector l -> {
                long first = count == 0 ? 0 : l.getOffsetBuffer().getLong(0);
                long last = count == 0 ? 0 : l.getOffsetBuffer().getLong(8L * count);
                listLayout(path, first, last, l.getDataVector(), sb);
            }
            case FixedSizeListVector l -> layout(l.getDataVector(), path + "[]", count * l.getListSize(), sb);
            case BaseVariableWidthVector w when count > 0 && w.getOffsetBuffer().getInt(0) != 0 -> sb.append("\n      ")
                    .append(path).append(": value offsets start at ").append(w.getOffsetBuffer().getInt(0));
            case BaseLargeVariableWidthVector w when count > 0 && w.getOffsetBuffer().getLong(0) != 0 -> sb.append(
                    "\n      ").append(path).append(": value offsets start at ").append(w.getOffsetBuffer().getLong(0));
            default -> {
            }
        }
    }

    private static void listLayout(String path, long first, long last, FieldVector child, StringBuilder sb) {
        int childCount = child.getValueCount();
        if (first != 0 || last != childCount) {
            sb.append("\n      ").append(path).append(": offsets run ").append(first).append("..").append(last)
                    .append(", child vector has ").append(childCount).append(" values");
        }
        layout(child, path + "[]", childCount, sb);
    }

    private static void value(FieldVector v, int i, DictionaryProvider provider, StringBuilder sb) {
        Field f = v.getField();
        if (f.getDictionary() != null) {
            if (v.isNull(i)) {
                sb.append("null");
                return;
            }
            long key = ((BaseIntVector) v).getValueAsLong(i);
            Dictionary d = provider == null ? null : provider.lookup(f.getDictionary().getId());
            sb.append("#").append(key).append('=');
            if (d == null) {
                sb.append("?");
            } else {
                value(d.getVector(), (int) key, null, sb);
            }
            return;
        }
        switch (v) {
            case NullVector n -> sb.append("null");
            case StructVector s -> {
                if (s.isNull(i)) {
                    sb.append("null");
                    return;
                }
                sb.append('{');
                List<FieldVector> children = s.getChildrenFromFields();
                for (int k = 0; k < children.size(); k++) {
                    sb.append(k == 0 ? "" : ", ").append(children.get(k).getField().getName()).append(": ");
                    value(children.get(k), i, provider, sb);
                }
                sb.append('}');
            }
            case FixedSizeListVector l -> {
                if (l.isNull(i)) {
                    sb.append("null");
                    return;
                }
                items(l.getDataVector(), (long) i * l.getListSize(), (long) (i + 1) * l.getListSize(), provider, sb);
            }
            default -> {
                long[] range = NestedComparator.listRange(v, i);
                FieldVector child = v instanceof ListVector l ? l.getDataVector()
                        : v instanceof LargeListVector l ? l.getDataVector() : null;
                if (range != null) {
                    if (v.isNull(i)) {
                        sb.append("null");
                        if (range[1] != range[0]) {
                            sb.append("(spans ").append(range[1] - range[0]).append(" values)");
                        }
                        return;
                    }
                    items(child, range[0], range[1], provider, sb);
                } else if (v.isNull(i)) {
                    sb.append("null");
                } else {
                    sb.append(OfficialReaderHarness.render(f.getType(), OfficialReaderHarness.valueBytes(v, i)));
                }
            }
        }
    }

    private static void items(FieldVector child, long from, long to, DictionaryProvider provider, StringBuilder sb) {
        sb.append('[');
        for (long k = from; k < to; k++) {
            if (sb.length() > MAX_ROW_CHARS * 4) {
                sb.append("...");
                break;
            }
            sb.append(k == from ? "" : ", ");
            value(child, (int) k, provider, sb);
        }
        sb.append(']');
    }
}
