package a1.peer.routing;

import a1.spec.model.LayerRange;

/** One party running some layers for one sequence: a remote peer's session, or the client itself. */
interface LayerRunner extends AutoCloseable {
    /** The peer id, or null when the client runs the layers itself. */
    String peerId();

    LayerRange layers();

    /** How many positions it has cached. */
    int length();

    /** Runs the layers over {@code n} vectors at {@code startPos} (which must equal {@link #length}); returns the output. */
    float[] forward(float[] x, int n, int startPos) throws HopFailure;

    @Override
    void close();
}
