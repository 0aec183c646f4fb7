package a1.swarm;

import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardEntry;
import a1.spec.model.LayerRange;
import java.util.List;
import java.util.Optional;

/**
 * Which shards a fetch wants. The metadata shard is always included. With a layer range, the embedding comes with
 * a range that starts at layer 0 and the head with one that ends at the last layer, unless set explicitly.
 * {@link #ends()} wants no layer at all: what a client that runs only the embedding and head needs.
 *
 * @param anyLayer false when no layer shard is wanted, whatever {@code layers} says
 */
public record ShardSelection(Optional<LayerRange> layers, Optional<Boolean> embedding, Optional<Boolean> head, boolean anyLayer) {
    public static ShardSelection all() {
        return new ShardSelection(Optional.empty(), Optional.empty(), Optional.empty(), true);
    }

    public static ShardSelection layers(LayerRange range) {
        return new ShardSelection(Optional.of(range), Optional.empty(), Optional.empty(), true);
    }

    /** The metadata, embedding and head shards, no layer. */
    public static ShardSelection ends() {
        return new ShardSelection(Optional.empty(), Optional.of(true), Optional.of(true), false);
    }

    public ShardSelection withEmbedding(boolean want) {
        return new ShardSelection(layers, Optional.of(want), head, anyLayer);
    }

    public ShardSelection withHead(boolean want) {
        return new ShardSelection(layers, embedding, Optional.of(want), anyLayer);
    }

    public List<ShardEntry> select(ModelManifest m) {
        int layerCount = m.info().layerCount();
        if (layers.isPresent() && !layers.get().within(layerCount)) {
            throw new IllegalArgumentException("layer range " + layers.get() + " is past the model's last layer " + (layerCount - 1));
        }
        boolean wantEmbedding = embedding.orElse(layers.map(LayerRange::isFirst).orElse(true));
        boolean wantHead = head.orElse(layers.map(r -> r.isLast(layerCount)).orElse(true));
        return m.shards().stream().filter(s -> switch (s.role()) {
            case METADATA -> true;
            case EMBEDDING -> wantEmbedding;
            case HEAD -> wantHead;
            case LAYER -> anyLayer && layers.map(r -> r.contains(s.layer())).orElse(true);
        }).toList();
    }
}
