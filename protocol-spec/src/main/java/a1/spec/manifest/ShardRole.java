package a1.spec.manifest;

import java.util.Optional;

/** What a shard holds; {@code wireName} is its spelling in the manifest, and the enum order is the shard order. */
public enum ShardRole {
    /** The GGUF header (metadata, tokenizer, tensor table) plus any tensor no other role claims. */
    METADATA("metadata"),
    /** {@code token_embd.*}. */
    EMBEDDING("embedding"),
    /** {@code blk.N.*} for one N. */
    LAYER("layer"),
    /** {@code output_norm.*} and {@code output.*}. */
    HEAD("head");

    private final String wireName;

    ShardRole(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ShardRole> fromWireName(String name) {
        for (ShardRole r : values()) if (r.wireName.equals(name)) return Optional.of(r);
        return Optional.empty();
    }
}
