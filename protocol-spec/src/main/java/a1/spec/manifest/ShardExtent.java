package a1.spec.manifest;

/** A byte range {@code [offset, offset + length)} of the original GGUF file that a shard carries. */
public record ShardExtent(long offset, long length) {
    public ShardExtent {
        if (offset < 0 || length <= 0 || offset + length < 0) {
            throw new IllegalArgumentException("bad extent [" + offset + ", +" + length + ")");
        }
    }

    public long end() {
        return offset + length;
    }
}
