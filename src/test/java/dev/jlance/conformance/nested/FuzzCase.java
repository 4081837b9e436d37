package dev.jlance.conformance.nested;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One randomized conformance case: everything needed to regenerate its data bit for bit. The data
 * of a batch is a function of the batch's {@link BatchSpec#dataSeed()} and each field's path only
 * (see {@link NestedDataGenerator}), so dropping a field or shortening a batch while shrinking leaves
 * the rest of the data as it was (a shorter batch is a prefix of the longer one, mostly).
 *
 * @param seed the seed the case was generated from (what a repro command names)
 * @param schema the Arrow schema written
 * @param batches one entry per {@code write()} call
 * @param cacheBytesPerColumn {@code WriteOptions.cacheBytesPerColumn}, 0 = the default
 * @param readBatchSize batch size asked of the official reader
 * @param dictionaries value type of every dictionary id the schema may use (DICTIONARY feature)
 * @param features the feature switches the case was generated under
 * @param itemCap most items any one list's child vector gets in a batch (keeps nested fan-out bounded)
 * @param steps shrink steps applied to the generated case (empty for a generated case)
 */
public record FuzzCase(long seed, Schema schema, List<BatchSpec> batches, long cacheBytesPerColumn, int readBatchSize,
        Map<Long, ArrowType> dictionaries, Set<NestedFeature> features, int itemCap, Set<Quirk> quirksOff,
        List<String> steps) {

    public FuzzCase {
        batches = List.copyOf(batches);
        dictionaries = Map.copyOf(dictionaries);
        features = Set.copyOf(features);
        quirksOff = quirksOff.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(quirksOff);
        steps = List.copyOf(steps);
    }

    /**
     * Adversarial layouts the data generator produces; shrinking switches them off one by one to
     * tell whether a failure needs them.
     */
    public enum Quirk {
        /** List offsets that do not start at 0; child vectors longer than the offsets reach. */
        LIST_SLICES,
        /** Variable-width value offsets that do not start at 0 (bytes before the first value). */
        VALUE_SLICES,
        /** Null lists whose offsets span child values; values kept in null leaf slots. */
        GARBAGE,
        /** Non-null, non-empty content under null structs, lists and fixed-size lists. */
        UNDER_NULL_PARENTS,
        /** Variable-width values of 256 bytes and more (full-zip pages); off: at most 255 bytes. */
        LONG_VALUES
    }

    public boolean has(Quirk q) {
        return !quirksOff.contains(q);
    }

    /** How a batch's lists and nulls tend to look. */
    public enum Mood {
        /** Everything drawn per field from the usual mix. */
        NORMAL,
        /** Many rows, lists almost all empty or null around a few values. */
        SPARSE,
        /** A few rows hold lists of thousands of items. */
        LONG_LISTS
    }

    /**
     * One written batch: its row count, the seed of its data and its mood; {@code skip} rows are
     * generated before the batch's rows and cut off (shrinking from the front), so the remaining
     * rows keep their data.
     */
    public record BatchSpec(int rows, long dataSeed, Mood mood, int skip) {
        public BatchSpec(int rows, long dataSeed, Mood mood) {
            this(rows, dataSeed, mood, 0);
        }

        @Override
        public String toString() {
            return rows + (mood == Mood.NORMAL ? "" : " " + mood.name().toLowerCase())
                    + (skip == 0 ? "" : " (after " + skip + " cut)");
        }
    }

    public long totalRows() {
        return batches.stream().mapToLong(BatchSpec::rows).sum();
    }

    /** True if any field of the schema is a struct, list, large list or fixed-size list. */
    public boolean isNested() {
        return schema.getFields().stream().anyMatch(f -> !f.getChildren().isEmpty()
                || f.getType() instanceof ArrowType.Struct);
    }

    FuzzCase withSchema(Schema s, String step) {
        return new FuzzCase(seed, s, batches, cacheBytesPerColumn, readBatchSize, dictionaries, features, itemCap,
                quirksOff, plus(step));
    }

    FuzzCase withBatches(List<BatchSpec> b, String step) {
        return new FuzzCase(seed, schema, b, cacheBytesPerColumn, readBatchSize, dictionaries, features, itemCap,
                quirksOff, plus(step));
    }

    FuzzCase withCacheBytes(long bytes, String step) {
        return new FuzzCase(seed, schema, batches, bytes, readBatchSize, dictionaries, features, itemCap, quirksOff,
                plus(step));
    }

    FuzzCase withReadBatchSize(int size, String step) {
        return new FuzzCase(seed, schema, batches, cacheBytesPerColumn, size, dictionaries, features, itemCap,
                quirksOff, plus(step));
    }

    private List<String> plus(String step) {
        List<String> s = new ArrayList<>(steps);
        s.add(step);
        return s;
    }

    // ------------------------------------------------------------------------------------------
    // Shrink steps: a compact text form, so a shrunk case can be re-created from seed + steps
    // ------------------------------------------------------------------------------------------

    /**
     * Applies one shrink step (see {@link Shrinker}):
     * {@code B<i>} drops batch i; {@code R<i>=<n>} gives batch i n rows (its first n);
     * {@code S<i>=<k>} cuts the first k rows of batch i; {@code D<p>} drops the field at
     * index path p (e.g. {@code 0.2}: child 2 of top-level field 0); {@code U<p>/<k>} replaces the field
     * at p by its child k (keeping p's name); {@code N<p>} makes the field at p non-nullable;
     * {@code C} drops the cache size option; {@code K<n>} reads in batches of n; {@code Q<quirk>}
     * switches a {@link Quirk} off.
     */
    public FuzzCase apply(String step) {
        char op = step.charAt(0);
        String arg = step.substring(1);
        return switch (op) {
            case 'B' -> {
                List<BatchSpec> b = new ArrayList<>(batches);
                b.remove(Integer.parseInt(arg));
                yield withBatches(b, step);
            }
            case 'R' -> {
                int eq = arg.indexOf('=');
                int i = Integer.parseInt(arg.substring(0, eq));
                List<BatchSpec> b = new ArrayList<>(batches);
                BatchSpec old = b.get(i);
                b.set(i, new BatchSpec(Integer.parseInt(arg.substring(eq + 1)), old.dataSeed(), old.mood(),
                        old.skip()));
                yield withBatches(b, step);
            }
            case 'S' -> {
                int eq = arg.indexOf('=');
                int i = Integer.parseInt(arg.substring(0, eq));
                int cut = Integer.parseInt(arg.substring(eq + 1));
                List<BatchSpec> b = new ArrayList<>(batches);
                BatchSpec old = b.get(i);
                if (cut <= 0 || cut > old.rows()) {
                    throw new IllegalArgumentException("cannot cut " + cut + " of " + old.rows() + " rows");
                }
                b.set(i, new BatchSpec(old.rows() - cut, old.dataSeed(), old.mood(), old.skip() + cut));
                yield withBatches(b, step);
            }
            case 'D' -> withSchema(SchemaPaths.drop(schema, SchemaPaths.parse(arg)), step);
            case 'U' -> {
                int slash = arg.indexOf('/');
                yield withSchema(SchemaPaths.unwrap(schema, SchemaPaths.parse(arg.substring(0, slash)),
                        Integer.parseInt(arg.substring(slash + 1))), step);
            }
            case 'N' -> withSchema(SchemaPaths.replace(schema, SchemaPaths.parse(arg), f -> new Field(f.getName(),
                    new FieldType(false, f.getType(), f.getDictionary(), f.getMetadata()), f.getChildren())), step);
            case 'C' -> withCacheBytes(0, step);
            case 'K' -> withReadBatchSize(Integer.parseInt(arg), step);
            case 'Q' -> {
                EnumSet<Quirk> off = EnumSet.noneOf(Quirk.class);
                off.addAll(quirksOff);
                off.add(Quirk.valueOf(arg));
                yield new FuzzCase(seed, schema, batches, cacheBytesPerColumn, readBatchSize, dictionaries, features,
                        itemCap, off, plus(step));
            }
            default -> throw new IllegalArgumentException("unknown shrink step '" + step + "'");
        };
    }

    /** Applies comma-separated steps in order. */
    public FuzzCase applyAll(String steps) {
        FuzzCase c = this;
        for (String s : steps.split(",")) {
            if (!s.isBlank()) {
                c = c.apply(s.trim());
            }
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------
    // One-line form (what the parent sends a worker JVM)
    // ------------------------------------------------------------------------------------------

    /** The whole case as one line of text; {@link #decode} gives it back. */
    public String encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(seed);
            writeBytes(out, schema.serializeAsMessage());
            out.writeInt(batches.size());
            for (BatchSpec b : batches) {
                out.writeInt(b.rows());
                out.writeLong(b.dataSeed());
                out.writeUTF(b.mood().name());
                out.writeInt(b.skip());
            }
            out.writeLong(cacheBytesPerColumn);
            out.writeInt(readBatchSize);
            List<Field> dictionaryFields = new ArrayList<>();
            dictionaries.forEach((id, type) -> dictionaryFields.add(Field.nullable(String.valueOf(id), type)));
            writeBytes(out, new Schema(dictionaryFields).serializeAsMessage());
            out.writeUTF(String.join(",", features.stream().map(Enum::name).toList()));
            out.writeInt(itemCap);
            out.writeUTF(String.join(",", quirksOff.stream().map(Enum::name).toList()));
            out.writeUTF(String.join(",", steps));
            out.flush();
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FuzzCase decode(String text) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                    Base64.getDecoder().decode(text)));
            long seed = in.readLong();
            Schema schema = Schema.deserializeMessage(ByteBuffer.wrap(readBytes(in)));
            int n = in.readInt();
            List<BatchSpec> batches = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batches.add(new BatchSpec(in.readInt(), in.readLong(), Mood.valueOf(in.readUTF()), in.readInt()));
            }
            long cache = in.readLong();
            int readBatch = in.readInt();
            Map<Long, ArrowType> dictionaries = new LinkedHashMap<>();
            for (Field f : Schema.deserializeMessage(ByteBuffer.wrap(readBytes(in))).getFields()) {
                dictionaries.put(Long.parseLong(f.getName()), f.getType());
            }
            Set<NestedFeature> features = NestedFeature.parse(in.readUTF());
            int itemCap = in.readInt();
            EnumSet<Quirk> quirks = EnumSet.noneOf(Quirk.class);
            for (String q : in.readUTF().split(",")) {
                if (!q.isEmpty()) {
                    quirks.add(Quirk.valueOf(q));
                }
            }
            String steps = in.readUTF();
            return new FuzzCase(seed, schema, batches, cache, readBatch, dictionaries, features, itemCap, quirks,
                    steps.isEmpty() ? List.of() : List.of(steps.split(",")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    /** A multi-line description: seed, options, batches and the schema as an indented tree. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("seed 0x").append(Long.toHexString(seed));
        if (!steps.isEmpty()) {
            sb.append(" shrunk by ").append(String.join(",", steps));
        }
        sb.append("\n  features: ").append(features.isEmpty() ? "none" : features.toString());
        sb.append("\n  batches (rows): ").append(batches);
        if (!quirksOff.isEmpty()) {
            sb.append("\n  data quirks switched off: ").append(quirksOff);
        }
        sb.append("\n  options: ").append(cacheBytesPerColumn == 0 ? "defaults" : "cacheBytesPerColumn="
                + cacheBytesPerColumn).append(", read batch size ").append(readBatchSize);
        if (!dictionaries.isEmpty()) {
            sb.append("\n  dictionary value types: ").append(dictionaries);
        }
        if (schema.getCustomMetadata() != null && !schema.getCustomMetadata().isEmpty()) {
            sb.append("\n  schema metadata: ").append(schema.getCustomMetadata());
        }
        sb.append("\n  schema:");
        for (int i = 0; i < schema.getFields().size(); i++) {
            SchemaPaths.describe(schema.getFields().get(i), String.valueOf(i), "    ", sb);
        }
        return sb.toString();
    }
}
