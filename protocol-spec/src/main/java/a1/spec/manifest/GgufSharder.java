package a1.spec.manifest;

import a1.spec.Digests;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufMetadata;
import a1.spec.gguf.GgufTensorInfo;
import a1.spec.gguf.GgufValue;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a GGUF into shards (SPEC.md, "Shards"). Every byte of the file belongs to exactly one shard: the header
 * (up to the start of the first tensor) to the metadata shard, and each tensor's bytes plus the padding after them
 * to the shard of its role. A shard's file is the concatenation of its extents, so re-assembly is exact.
 */
public final class GgufSharder {
    private static final Pattern LAYER = Pattern.compile("blk\\.(\\d{1,7})\\..+");
    private static final int WRITE_CHUNK = 1 << 26;

    private GgufSharder() {}

    /** One planned shard: role, layer (-1 unless a layer) and extents of the original file, in file order. */
    public record Plan(ShardRole role, int layer, List<ShardExtent> extents) {
        public String file() {
            return ShardEntry.fileName(role, layer);
        }

        public long size() {
            return extents.stream().mapToLong(ShardExtent::length).sum();
        }
    }

    private record Key(ShardRole role, int layer) {}

    /** The shard a tensor belongs to. */
    static Key keyOf(String tensorName) {
        Matcher m = LAYER.matcher(tensorName);
        if (m.matches()) return new Key(ShardRole.LAYER, Integer.parseInt(m.group(1)));
        if (tensorName.startsWith("token_embd.")) return new Key(ShardRole.EMBEDDING, -1);
        if (tensorName.startsWith("output_norm.") || tensorName.startsWith("output.")) return new Key(ShardRole.HEAD, -1);
        return new Key(ShardRole.METADATA, -1);
    }

    /** Plans the shards of {@code g}, in canonical order. */
    public static List<Plan> plan(GgufFile g) throws ManifestException {
        List<GgufTensorInfo> byOffset = new ArrayList<>(g.tensors());
        byOffset.sort(Comparator.comparingLong(GgufTensorInfo::offset));
        TreeMap<Key, List<ShardExtent>> extents = new TreeMap<>(Comparator.comparing(Key::role).thenComparingInt(Key::layer));
        long headerEnd = byOffset.isEmpty() ? g.size() : g.dataOffset() + byOffset.getFirst().offset();
        add(extents, new Key(ShardRole.METADATA, -1), 0, headerEnd);
        for (int i = 0; i < byOffset.size(); i++) {
            GgufTensorInfo t = byOffset.get(i);
            long start = g.dataOffset() + t.offset();
            long end = i + 1 < byOffset.size() ? g.dataOffset() + byOffset.get(i + 1).offset() : g.size();
            if (start + t.byteSize() > end) throw new ManifestException(g.path().getFileName() + ": tensor " + t.name() + " overlaps the next tensor");
            add(extents, keyOf(t.name()), start, end);
        }
        List<Plan> plans = new ArrayList<>();
        extents.forEach((k, v) -> plans.add(new Plan(k.role(), k.layer(), List.copyOf(v))));
        return plans;
    }

    /** Appends {@code [start, end)} to the shard's extents, merging it with the previous one when adjacent. */
    private static void add(TreeMap<Key, List<ShardExtent>> extents, Key key, long start, long end) {
        if (end <= start) return;
        List<ShardExtent> list = extents.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.isEmpty() && list.getLast().end() == start) {
            list.set(list.size() - 1, new ShardExtent(list.getLast().offset(), end - list.getLast().offset()));
        } else {
            list.add(new ShardExtent(start, end - start));
        }
    }

    /** Writes every planned shard of {@code g} into {@code dir} and returns their manifest entries. */
    public static List<ShardEntry> write(GgufFile g, Path dir) throws IOException {
        return write(g, dir, n -> {});
    }

    /** As {@link #write(GgufFile, Path)}, telling {@code written} each count of bytes written (for progress bars). */
    public static List<ShardEntry> write(GgufFile g, Path dir, LongConsumer written) throws IOException {
        List<ShardEntry> entries = new ArrayList<>();
        for (Plan p : plan(g)) {
            MessageDigest md = Digests.newSha256();
            try (FileChannel out = FileChannel.open(dir.resolve(p.file()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (ShardExtent e : p.extents()) {
                    for (long off = 0; off < e.length(); off += WRITE_CHUNK) {
                        MemorySegment slice = g.segment().asSlice(e.offset() + off, Math.min(WRITE_CHUNK, e.length() - off));
                        md.update(slice.asByteBuffer());
                        ByteBuffer bb = slice.asByteBuffer();
                        while (bb.hasRemaining()) out.write(bb);
                        written.accept(slice.byteSize());
                    }
                }
                out.force(true);
            }
            entries.add(new ShardEntry(p.role(), p.layer(), p.file(), p.size(), md.digest(), p.extents()));
        }
        return entries;
    }

    /** Model facts from the GGUF metadata; {@code fallbackName} when it has no {@code general.name}. */
    public static ModelInfo info(GgufMetadata md, String fallbackName) {
        String arch = md.findString("general.architecture").orElse("");
        int vocab = md.get("tokenizer.ggml.tokens").map(v -> ((GgufValue.GgufArray) v.value()).items().size())
                .orElseGet(() -> dim(md, arch + ".vocab_size"));
        return new ModelInfo(md.findString("general.name").orElse(fallbackName), arch, dim(md, arch + ".block_count"),
                dim(md, arch + ".embedding_length"), dim(md, arch + ".feed_forward_length"), dim(md, arch + ".attention.head_count"),
                dim(md, arch + ".attention.head_count_kv"), dim(md, arch + ".context_length"), vocab);
    }

    /** An integer key, or 0 when it is absent or not a single non-negative int (some models store per-layer arrays). */
    private static int dim(GgufMetadata md, String key) {
        return md.get(key).filter(v -> v.type().isInteger()).map(v -> (Long) v.value())
                .filter(n -> n >= 0 && n <= Integer.MAX_VALUE).map(Long::intValue).orElse(0);
    }
}
