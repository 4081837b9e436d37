package dev.jlance.format;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
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
                .setDirect(File2Protos.DirectEncoding.newBuilder().setEncoding(pack(message).toByteString()))
                .build();
    }
}
