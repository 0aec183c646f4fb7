package a1.spec.manifest;

import java.util.List;

/** Small hand-made manifests for codec tests. */
public final class Manifests {
    public static ModelManifest tiny(byte[] publisher) {
        byte[] h = new byte[32];
        h[0] = 1;
        ShardEntry meta = new ShardEntry(ShardRole.METADATA, -1, "metadata.bin", 10, h, List.of(new ShardExtent(0, 10)));
        ShardEntry embd = new ShardEntry(ShardRole.EMBEDDING, -1, "embedding.bin", 5, h, List.of(new ShardExtent(10, 5)));
        ShardEntry l0 = new ShardEntry(ShardRole.LAYER, 0, "layer-000.bin", 7, h, List.of(new ShardExtent(15, 4), new ShardExtent(22, 3)));
        ShardEntry head = new ShardEntry(ShardRole.HEAD, -1, "head.bin", 3, h, List.of(new ShardExtent(19, 3)));
        return new ModelManifest(new ModelInfo("tiny", "llama", 1, 64, 172, 8, 4, 2048, 512), 25, new byte[32], "tiny",
                1 << 16, new InfoHash(new byte[20]), publisher, List.of(meta, embd, l0, head));
    }

    private Manifests() {}
}
