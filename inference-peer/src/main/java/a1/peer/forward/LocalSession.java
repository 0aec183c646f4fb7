package a1.peer.forward;

import a1.peer.kv.KvCache;

/** A session that runs every layer in this process. */
public final class LocalSession implements Session {
    private final EmbeddingHead ends;
    private final LayerStack stack;
    private final KvCache kv;

    public LocalSession(EmbeddingHead ends, LayerStack stack, KvCache kv) {
        if (!stack.range().equals(a1.spec.model.LayerRange.all(stack.config().layers()))) {
            throw new IllegalArgumentException("a local session needs all layers, not " + stack.range());
        }
        this.ends = ends;
        this.stack = stack;
        this.kv = kv;
    }

    @Override
    public float[] append(int[] tokens) {
        if (tokens.length == 0) throw new IllegalArgumentException("nothing to append");
        float[] x = ends.embed(tokens);
        stack.forwardLast(x, tokens.length, kv.length(), kv);
        return ends.logits(x, tokens.length - 1);
    }

    @Override
    public int length() {
        return kv.length();
    }

    @Override
    public int capacity() {
        return kv.capacity();
    }

    @Override
    public void close() {}
}
