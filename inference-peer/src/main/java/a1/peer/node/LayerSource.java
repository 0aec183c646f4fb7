package a1.peer.node;

import a1.spec.model.LayerRange;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a peer gets the weights of a layer range: a GGUF file that holds at least that range's tensors (other
 * layers may be holes). A peer asks before it serves a range, its first and each one it moves to, so a source that
 * fetches shards does so before the peer switches and no layer is left uncovered meanwhile. A source must never
 * change a file it returned earlier: the peer keeps serving from it until it has moved.
 */
@FunctionalInterface
public interface LayerSource {
    Path holding(LayerRange range) throws IOException;

    /** A local GGUF that holds every layer. */
    static LayerSource whole(Path model) {
        return range -> model;
    }
}
