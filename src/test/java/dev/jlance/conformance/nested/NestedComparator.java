package dev.jlance.conformance.nested;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jlance.conformance.OfficialReaderHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Compares nested Arrow data written to a Lance file with what the official reader returns.
 *
 * <h2>Values</h2>
 * Row by row across batch boundaries (the reader's batches need not line up with the written ones).
 * At every level validity is compared first; under a null nothing more is compared (Lance keeps no
 * values under nulls, at any level). Structs compare their children at the same row; lists and large
 * lists their lengths, then every item; fixed-size lists every item; leaves their bytes exactly as
 * {@link OfficialReaderHarness} does (NaN payloads, -0.0, byte strings). Dictionary-encoded fields
 * compare the values their keys stand for, never the keys. A mismatch names the row, the value path
 * ({@code c0.l[2].x}: list items by index) with the field's type, and what differs.
 *
 * <h2>Schema, and what is normalised</h2>
 * Names, types, nullability and metadata are compared at every level, exactly, except what the
 * format cannot store (lance-core 7.0.0, observed):
 * <ul>
 *   <li>A fixed-size list has no child field in Lance: the element type and size live in the logical
 *       type string ({@code fixed_size_list:<type>:<size>}, NOTES §2), so the reader re-creates the
 *       child as {@code item}, nullable, without metadata. The expected child is normalised to that.
 *   <li>Dictionary-encoded fields: {@code LanceFileReader.schema()} reports the index type without a
 *       {@code DictionaryEncoding}; the batches' fields carry one with the same index type,
 *       {@code ordered=false} and an id of the reader's choosing (not compared).
 * </ul>
 * List and large-list child fields keep their names and nullability (Lance stores them as real
 * fields), so they are not normalised.
 */
public final class NestedComparator {

    /** At most this many mismatches are listed per column (the total is always given). */
    static final int MAX_REPORTED = 12;

    private NestedComparator() {
    }

    // ------------------------------------------------------------------------------------------
    // Schema
    // ------------------------------------------------------------------------------------------

    /**
     * The schema the official reader returns for a file written with {@code written}: fixed-size list
     * children re-created as {@code item}, nullable, without metadata (see the class comment).
     */
    public static Schema asReaderReturns(Schema written) {
        return new Schema(written.getFields().stream().map(NestedComparator::asReaderReturns).toList(),
                written.getCustomMetadata());
    }

    private static Field asReaderReturns(Field f) {
        List<Field> children = new ArrayList<>();
        for (Field c : f.getChildren()) {
            Field n = asReaderReturns(c);
            if (f.getType() instanceof ArrowType.FixedSizeList) {
                n = new Field("item", new FieldType(true, n.getType(), n.getDictionary(), null), n.getChildren());
            }
            children.add(n);
        }
        return new Field(f.getName(), f.getFieldType(), children);
    }

    /**
     * Asserts {@code actual} is {@code expected} (already {@link #asReaderReturns normalised}).
     * With {@code batchSchema} the dictionary-encoded fields must carry a dictionary encoding of the
     * same index type; without, they must carry none ({@code LanceFileReader.schema()}).
     */
    public static void assertSchema(Schema expected, Schema actual, boolean batchSchema, String what) {
        List<String> problems = schemaProblems(expected, actual, batchSchema);
        if (!problems.isEmpty()) {
            fail(what + " differs:\n  " + String.join("\n  ", problems) + "\n  expected: " + expected
                    + "\n  actual:   " + actual);
        }
    }

    static List<String> schemaProblems(Schema expected, Schema actual, boolean batchSchema) {
        List<String> problems = new ArrayList<>();
        List<Field> ef = expected.getFields();
        List<Field> af = actual.getFields();
        if (ef.size() != af.size()) {
            problems.add("expected " + ef.size() + " top-level fields " + names(ef) + " but found " + af.size() + " "
                    + names(af));
        }
        for (int i = 0; i < Math.min(ef.size(), af.size()); i++) {
            compareField(ef.get(i), af.get(i), ef.get(i).getName(), batchSchema, problems);
        }
        Map<String, String> em = OfficialReaderHarness.normalizeMetadata(expected.getCustomMetadata());
        Map<String, String> am = OfficialReaderHarness.normalizeMetadata(actual.getCustomMetadata());
        if (!em.equals(am)) {
            problems.add("schema metadata: expected " + em + " but was " + am);
        }
        return problems;
    }

    private static void compareField(Field e, Field a, String path, boolean batchSchema, List<String> problems) {
        if (!e.getName().equals(a.getName())) {
            problems.add(path + ": name: expected '" + e.getName() + "' but was '" + a.getName() + "'");
        }
        if (!e.getType().equals(a.getType())) {
            problems.add(path + ": type: expected " + e.getType() + " but was " + a.getType());
        }
        if (e.isNullable() != a.isNullable()) {
            problems.add(path + ": nullable: expected " + e.isNullable() + " but was " + a.isNullable());
        }
        Map<String, String> em = OfficialReaderHarness.normalizeMetadata(e.getMetadata());
        Map<String, String> am = OfficialReaderHarness.normalizeMetadata(a.getMetadata());
        if (!em.equals(am)) {
            problems.add(path + ": metadata: expected " + em + " but was " + am);
        }
        DictionaryEncoding ed = e.getDictionary();
        DictionaryEncoding ad = a.getDictionary();
        if (ed == null || !batchSchema) {
            if (ad != null) {
                problems.add(path + ": expected no dictionary encoding but found " + ad);
            }
        } else if (ad == null) {
            problems.add(path + ": lost its dictionary encoding (expected index type " + ed.getIndexType() + ")");
        } else if (!ed.getIndexType().equals(ad.getIndexType()) || ad.isOrdered()) {
            problems.add(path + ": dictionary encoding: expected index type " + ed.getIndexType()
                    + ", unordered, but was " + ad);
        }
        if (e.getChildren().size() != a.getChildren().size()) {
            problems.add(path + ": expected children " + names(e.getChildren()) + " but was " + names(a.getChildren()));
            return;
        }
        for (int i = 0; i < e.getChildren().size(); i++) {
            compareField(e.getChildren().get(i), a.getChildren().get(i), path + "." + e.getChildren().get(i).getName(),
                    batchSchema, problems);
        }
    }

    private static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::getName).toList();
    }

    // ------------------------------------------------------------------------------------------
    // Values
    // ------------------------------------------------------------------------------------------

    /** Walks the expected batches row by row while the reader's batches of any size arrive. */
    public static final class Cursor {
        private final List<VectorSchemaRoot> expected;
        private final List<? extends DictionaryProvider> expectedDictionaries;
        private final long expectedRows;
        private final long[] mismatches;
        private final List<List<String>> reports = new ArrayList<>();
        private final List<Field> fields;
        private final StringBuilder path = new StringBuilder();
        private int batch;
        private int rowInBatch;
        private long globalRow;
        private int column;
        private DictionaryProvider actualDictionaries;

        /**
         * @param expected the written batches (0-row batches allowed)
         * @param expectedDictionaries per written batch, the dictionaries its keys refer to
         */
        public Cursor(Schema schema, List<VectorSchemaRoot> expected,
                List<? extends DictionaryProvider> expectedDictionaries) {
            this.expected = expected;
            this.expectedDictionaries = expectedDictionaries;
            this.expectedRows = expected.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
            this.fields = schema.getFields();
            this.mismatches = new long[fields.size()];
            for (int c = 0; c < fields.size(); c++) {
                reports.add(new ArrayList<>());
            }
        }

        /** Compares the rows of {@code actual}, whose dictionary-encoded fields look up {@code dictionaries}. */
        public void compareNext(VectorSchemaRoot actual, DictionaryProvider dictionaries) {
            this.actualDictionaries = dictionaries;
            int n = actual.getRowCount();
            if (actual.getFieldVectors().size() != fields.size()) {
                fail("expected " + fields.size() + " columns but a read batch has " + actual.getFieldVectors().size());
            }
            int ai = 0;
            while (ai < n) {
                while (batch < expected.size() && rowInBatch >= expected.get(batch).getRowCount()) {
                    batch++;
                    rowInBatch = 0;
                }
                if (batch >= expected.size()) {
                    fail("the reader returned more rows than were written: " + expectedRows + " expected, row "
                            + globalRow + " exists");
                }
                VectorSchemaRoot e = expected.get(batch);
                int run = Math.min(n - ai, e.getRowCount() - rowInBatch);
                for (int c = 0; c < fields.size(); c++) {
                    column = c;
                    FieldVector ev = e.getVector(c);
                    FieldVector av = actual.getVector(c);
                    for (int k = 0; k < run; k++) {
                        path.setLength(0);
                        path.append(fields.get(c).getName());
                        compare(globalRow + k, fields.get(c), ev, rowInBatch + k, av, ai + k);
                    }
                }
                ai += run;
                rowInBatch += run;
                globalRow += run;
            }
        }

        /** Fails listing every column that differed (or a row count that differs). */
        public void assertExhausted() {
            String problems = problems();
            if (!problems.isEmpty()) {
                fail("the file does not hold the written data:" + problems);
            }
        }

        /** The mismatches found so far as a message, "" if none. */
        public String problems() {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < mismatches.length; c++) {
                if (mismatches[c] > 0) {
                    sb.append("\n  column '").append(fields.get(c).getName()).append("': ").append(mismatches[c])
                            .append(" mismatch").append(mismatches[c] == 1 ? "" : "es").append(" in ")
                            .append(expectedRows).append(" rows; first:");
                    for (String r : reports.get(c)) {
                        sb.append("\n    ").append(r);
                    }
                }
            }
            if (globalRow != expectedRows) {
                sb.append("\n  the reader returned ").append(globalRow).append(" rows but ").append(expectedRows)
                        .append(" were written");
            }
            return sb.toString();
        }

        private void report(long row, Field f, String what) {
            mismatches[column]++;
            if (reports.get(column).size() < MAX_REPORTED) {
                reports.get(column).add("row " + row + ", " + path + " (" + SchemaPaths.typeName(f.getType()) + "): "
                        + what);
            }
        }

        private void compare(long row, Field f, FieldVector e, int ei, FieldVector a, int ai) {
            if (f.getDictionary() != null || a.getField().getDictionary() != null) {
                compareDecoded(row, f, e, ei, a, ai);
                return;
            }
            boolean eNull = e.isNull(ei);
            boolean aNull = a.isNull(ai);
            if (eNull != aNull) {
                report(row, f, eNull ? "expected null but was " + describe(f, a, ai)
                        : "expected " + describe(f, e, ei) + " but was null");
                return;
            }
            if (eNull) {
                return;
            }
            int mark = path.length();
            switch (e) {
                case StructVector es when a instanceof StructVector as -> {
                    List<FieldVector> ec = es.getChildrenFromFields();
                    List<FieldVector> ac = as.getChildrenFromFields();
                    if (ec.size() != ac.size()) {
                        report(row, f, "expected " + ec.size() + " struct children but was " + ac.size());
                        return;
                    }
                    for (int k = 0; k < ec.size(); k++) {
                        Field cf = f.getChildren().get(k);
                        path.append('.').append(cf.getName());
                        compare(row, cf, ec.get(k), ei, ac.get(k), ai);
                        path.setLength(mark);
                    }
                }
                case FixedSizeListVector el when a instanceof FixedSizeListVector al -> {
                    int d = el.getListSize();
                    if (al.getListSize() != d) {
                        report(row, f, "expected lists of " + d + " but was " + al.getListSize());
                        return;
                    }
                    items(row, f, el.getDataVector(), (long) ei * d, al.getDataVector(), (long) ai * d, d);
                }
                default -> {
                    long[] es = listRange(e, ei);
                    long[] as = listRange(a, ai);
                    if (es != null || as != null) {
                        if (es == null || as == null || !e.getClass().equals(a.getClass())) {
                            report(row, f, "expected a " + e.getClass().getSimpleName() + " but the reader returned a "
                                    + a.getClass().getSimpleName());
                            return;
                        }
                        long elen = es[1] - es[0];
                        long alen = as[1] - as[0];
                        if (elen != alen) {
                            report(row, f, "expected a list of " + elen + " items but was one of " + alen);
                            return;
                        }
                        FieldVector ed = e instanceof ListVector l ? l.getDataVector() : ((LargeListVector) e)
                                .getDataVector();
                        FieldVector ad = a instanceof ListVector l ? l.getDataVector() : ((LargeListVector) a)
                                .getDataVector();
                        items(row, f, ed, es[0], ad, as[0], elen);
                    } else {
                        compareLeaf(row, f, e, ei, a, ai);
                    }
                }
            }
        }

        private void items(long row, Field f, FieldVector ed, long estart, FieldVector ad, long astart, long n) {
            Field cf = f.getChildren().getFirst();
            int mark = path.length();
            for (long k = 0; k < n; k++) {
                path.append('[').append(k).append(']');
                compare(row, cf, ed, Math.toIntExact(estart + k), ad, Math.toIntExact(astart + k));
                path.setLength(mark);
            }
        }

        private void compareLeaf(long row, Field f, FieldVector e, int ei, FieldVector a, int ai) {
            if (e instanceof NullVector || a instanceof NullVector) {
                if (!(e instanceof NullVector && a instanceof NullVector)) {
                    report(row, f, "expected a " + e.getClass().getSimpleName() + " but the reader returned a "
                            + a.getClass().getSimpleName());
                }
                return;
            }
            if (e.getClass() != a.getClass()) {
                report(row, f, "expected a " + e.getClass().getSimpleName() + " but the reader returned a "
                        + a.getClass().getSimpleName());
                return;
            }
            if (!OfficialReaderHarness.sameValue(e, ei, a, ai)) {
                report(row, f, "expected " + describe(f, e, ei) + " but was " + describe(f, a, ai));
            }
        }

        /** Dictionary-encoded on either side: compare the values the keys stand for. */
        private void compareDecoded(long row, Field f, FieldVector e, int ei, FieldVector a, int ai) {
            FieldVector ev = e;
            int evi = ei;
            if (f.getDictionary() != null) {
                FieldVector values = values(expectedDictionaries.get(batch), f.getDictionary(), "written");
                ev = values;
                evi = e.isNull(ei) ? -1 : (int) ((BaseIntVector) e).getValueAsLong(ei);
            }
            FieldVector av = a;
            int avi = ai;
            DictionaryEncoding ad = a.getField().getDictionary();
            if (ad != null) {
                av = values(actualDictionaries, ad, "read");
                avi = a.isNull(ai) ? -1 : (int) ((BaseIntVector) a).getValueAsLong(ai);
            }
            boolean eNull = evi < 0 || ev.isNull(evi);
            boolean aNull = avi < 0 || av.isNull(avi);
            Field valueField = new Field(f.getName(), new FieldType(f.isNullable(), ev.getField().getType(), null), null);
            if (eNull != aNull) {
                report(row, f, eNull ? "expected null but was " + describe(valueField, av, avi)
                        : "expected " + describe(valueField, ev, evi) + " but was null");
            } else if (!eNull) {
                compareLeaf(row, valueField, ev, evi, av, avi);
            }
        }

        private static FieldVector values(DictionaryProvider provider, DictionaryEncoding encoding, String side) {
            Dictionary d = provider == null ? null : provider.lookup(encoding.getId());
            if (d == null) {
                fail("no " + side + " dictionary with id " + encoding.getId());
            }
            return d.getVector();
        }
    }

    /** [start, end) of list {@code i} if {@code v} is a list or large list, else null. */
    static long[] listRange(FieldVector v, int i) {
        return switch (v) {
            case ListVector l -> new long[] {l.getOffsetBuffer().getInt(4L * i), l.getOffsetBuffer().getInt(4L * i + 4)};
            case LargeListVector l -> new long[] {l.getOffsetBuffer().getLong(8L * i),
                l.getOffsetBuffer().getLong(8L * i + 8)};
            default -> null;
        };
    }

    /** A value for a failure message: leaves rendered as the harness does, nested values summarised. */
    static String describe(Field f, FieldVector v, int i) {
        if (i < 0 || v.isNull(i)) {
            return "null";
        }
        return switch (v) {
            case StructVector s -> "a struct";
            case FixedSizeListVector l -> "a fixed-size list";
            case ListVector l -> "a list of " + (l.getOffsetBuffer().getInt(4L * i + 4) - l.getOffsetBuffer().getInt(
                    4L * i)) + " items";
            case LargeListVector l -> "a list of " + (l.getOffsetBuffer().getLong(8L * i + 8) - l.getOffsetBuffer()
                    .getLong(8L * i)) + " items";
            default -> OfficialReaderHarness.render(v.getField().getType(), OfficialReaderHarness.valueBytes(v, i));
        };
    }
}
