package dev.jlance.encoder.layout;

import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.memory.LanceBuffer;
import java.util.List;

/**
 * A page as a layout writer produced it: buffers plus the layout message.
 *
 * @param buffers page buffers, in order
 * @param layout the page layout message
 * @param layoutName short name for summaries
 * @param encodingName short description of the value encoding
 */
public record PageBuffers(List<LanceBuffer> buffers, PageLayout layout, String layoutName, String encodingName) {
    public PageBuffers {
        buffers = List.copyOf(buffers);
    }
}
