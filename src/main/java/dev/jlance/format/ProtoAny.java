package dev.jlance.format;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.jlance.format.pb.File2Protos;

/**
 * Wraps encoding messages the way Lance stores them: a {@code google.protobuf.Any} whose type URL
 * is {@code "/" + full message name} (what Lance's Rust writer emits), inside a direct Encoding.
 */
public final class ProtoAny {

    private ProtoAny() {
    }

    public static Any pack(Message message) {
        return Any.newBuilder()
                .setTypeUrl("/" + message.getDescriptorForType().getFullName())
                .setValue(message.toByteString())
                .build();
    }

    /** {@code Encoding{direct{encoding: Any(message)}}}. */
    public static File2Protos.Encoding direct(Message message) {
        return File2Protos.Encoding.newBuilder()
                .setDirect(File2Protos.DirectEncoding.newBuilder().setEncoding(packedBytes(message)))
                .build();
    }

    /**
     * The bytes of {@link #pack}{@code (message)}, serialized in one pass: {@code Any.value} is a
     * bytes field, which on the wire is exactly the message embedded as field 2, so the message is
     * not serialized into a buffer of its own first (an FSST page's encoding carries a 2 KB table).
     */
    static ByteString packedBytes(Message message) {
        String typeUrl = typeUrl(message);
        byte[] out = new byte[packedSize(typeUrl, message)];
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        try {
            writePacked(stream, typeUrl, message);
            stream.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("serializing into an array of its exact size cannot fail", e);
        }
        return UnsafeByteOperations.unsafeWrap(out); // never written again
    }

    /** The type URL Lance's writer gives {@code message}. */
    static String typeUrl(Message message) {
        return "/" + message.getDescriptorForType().getFullName();
    }

    /** Bytes of {@code Any(message)} with {@code typeUrl}. */
    static int packedSize(String typeUrl, Message message) {
        // proto3 leaves an empty value out
        int valueSize = message.getSerializedSize();
        return CodedOutputStream.computeStringSize(Any.TYPE_URL_FIELD_NUMBER, typeUrl)
                + (valueSize > 0 ? CodedOutputStream.computeMessageSize(Any.VALUE_FIELD_NUMBER, message) : 0);
    }

    /** Writes the fields of {@code Any(message)} with {@code typeUrl} ({@link #packedSize} bytes). */
    static void writePacked(CodedOutputStream stream, String typeUrl, Message message) throws IOException {
        stream.writeString(Any.TYPE_URL_FIELD_NUMBER, typeUrl);
        if (message.getSerializedSize() > 0) {
            stream.writeMessage(Any.VALUE_FIELD_NUMBER, message);
        }
    }
}
