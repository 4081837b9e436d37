package dev.jlance.codec.fsst;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Decodes FSST-compressed values the way Lance's reader does ({@code fsst.rs}, decompress side):
 * a code below 255 stands for its symbol, 255 escapes the next byte; with the table's switch off
 * the bytes are the values themselves. Stricter than Lance's: a code the table lacks or an escape
 * with no byte after it is an error, not garbage. For tests and tools, not for speed.
 */
public final class FsstDecoder {

    private final FsstSymbolTable table;

    public FsstDecoder(FsstSymbolTable table) {
        this.table = table;
    }

    public static FsstDecoder of(byte[] serializedTable) {
        return new FsstDecoder(FsstSymbolTable.parse(serializedTable));
    }

    /** Decodes one value's codes {@code codes[from, to)}. */
    public byte[] decode(byte[] codes, int from, int to) {
        if (!table.compressed()) {
            return Arrays.copyOfRange(codes, from, to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, (to - from) * 3));
        for (int i = from; i < to; i++) {
            int code = codes[i] & 0xFF;
            if (code == 255) {
                if (++i == to) {
                    throw new IllegalArgumentException("escape without a byte at the end of the value");
                }
                out.write(codes[i]);
            } else if (code < table.size()) {
                long v = table.value(code);
                for (int k = 0; k < table.length(code); k++) {
                    out.write((int) (v >>> (8 * k)));
                }
            } else {
                throw new IllegalArgumentException("code " + code + " but the table has " + table.size() + " symbols");
            }
        }
        return out.toByteArray();
    }

    public byte[] decode(byte[] codes) {
        return decode(codes, 0, codes.length);
    }
}
