package a1.peer.routing;

import a1.peer.forward.LayerStack;
import a1.peer.kv.KvCache;
import a1.peer.kv.KvType;
import a1.spec.model.LayerRange;
import a1.spec.wire.CacheType;
import java.util.Arrays;

/**
 * Layers run by the client itself from its own copy of the model, as a peer would run them: same KV precision, and
 * input and output rounded to the session's encoding as the wire rounds them.
 */
final class LocalRunner implements LayerRunner {
    private final LayerStack stack;
    private final KvCache kv;
    private final SessionSpec spec;

    LocalRunner(LayerStack stack, SessionSpec spec) {
        this.stack = stack;
        this.spec = spec;
        this.kv = new KvCache(stack.range(), stack.config().kvHeads(), stack.config().headDim(), spec.capacity(), spec.cache() == CacheType.F16 ? KvType.F16 : KvType.F32);
    }

    @Override
    public String peerId() {
        return null;
    }

    @Override
    public LayerRange layers() {
        return stack.range();
    }

    @Override
    public int length() {
        return kv.length();
    }

    @Override
    public float[] forward(float[] x, int n, int startPos) {
        float[] y = Arrays.copyOf(x, n * spec.dim());
        for (int i = 0; i < y.length; i++) y[i] = spec.encoding().round(y[i]);
        stack.forward(y, n, startPos, kv);
        for (int i = 0; i < y.length; i++) y[i] = spec.encoding().round(y[i]);
        return y;
    }

    @Override
    public void close() {}
}
