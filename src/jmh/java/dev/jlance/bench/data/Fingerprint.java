package dev.jlance.bench.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * A SHA-256 of a table's content: per column, row by row, the validity and the exact bytes of each
 * non-null value (bit patterns for floats). Independent of how rows are split into batches and of
 * bytes under nulls, so two generations of a dataset have the same fingerprint exactly when they hold
 * the same data.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** Hex SHA-256 of the rows of {@code batches}, column by column. */
    public static String of(List<VectorSchemaRoot> batches) {
        MessageDigest digest = sha256();
        int columns = batches.isEmpty() ? 0 : batches.getFirst().getFieldVectors().size();
        for (int c = 0; c < columns; c++) {
            digest.update(batches.getFirst().getVector(c).getField().toString().getBytes(StandardCharsets.UTF_8));
            for (VectorSchemaRoot batch : batches) {
                FieldVector v = batch.getVector(c);
                update(digest, v, 0, batch.getRowCount());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, FieldVector vector, int from, int to) {
        for (int i = from; i < to; i++) {
            boolean valid = !vector.isNull(i);
            digest.update((byte) (valid ? 1 : 0));
            if (!valid) {
                continue;
            }
            switch (vector) {
                case BitVector b -> digest.update((byte) b.get(i));
                case BaseFixedWidthVector f -> {
                    int width = f.getTypeWidth();
                    byte[] slot = new byte[width];
                    f.getDataBuffer().getBytes((long) i * width, slot);
                    digest.update(slot);
                }
                case VariableWidthFieldVector w -> {
                    byte[] bytes = w.get(i);
                    digest.update(intBytes(bytes.length));
                    digest.update(bytes);
                }
                case FixedSizeListVector l -> update(digest, l.getDataVector(), i * l.getListSize(),
                        (i + 1) * l.getListSize());
                case StructVector s -> {
                    for (FieldVector child : s.getChildrenFromFields()) {
                        update(digest, child, i, i + 1);
                    }
                }
                case ListVector l -> {
                    int start = l.getOffsetBuffer().getInt((long) i * ListVector.OFFSET_WIDTH);
                    int end = l.getOffsetBuffer().getInt((long) (i + 1) * ListVector.OFFSET_WIDTH);
                    digest.update(intBytes(end - start));
                    update(digest, l.getDataVector(), start, end);
                }
                default -> throw new IllegalArgumentException("no fingerprint for " + vector.getField());
            }
        }
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
