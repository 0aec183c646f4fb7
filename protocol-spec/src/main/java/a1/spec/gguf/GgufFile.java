package a1.spec.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file memory-mapped read-only with FFM. Only the header is parsed on open; tensor data stays in the page
 * cache and is handed out as bounds-checked {@link MemorySegment} views, so opening a multi-gigabyte file costs
 * a few milliseconds. Closing the file unmaps it: views must not be used afterwards.
 */
public final class GgufFile implements AutoCloseable {
    public static final int MAGIC = 0x46554747; // "GGUF" little-endian
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final String ALIGNMENT_KEY = "general.alignment";

    private final Path path;
    private final Arena arena;
    private final MemorySegment file;
    private final int version;
    private final GgufMetadata metadata;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> byName;
    private final long dataOffset;
    private final int alignment;

    private GgufFile(Path path, Arena arena, MemorySegment file, GgufHeader header) {
        this.path = path;
        this.arena = arena;
        this.file = file;
        this.version = header.version();
        this.metadata = header.metadata();
        this.tensors = header.tensors();
        this.dataOffset = header.dataOffset();
        this.alignment = header.alignment();
        Map<String, GgufTensorInfo> m = new LinkedHashMap<>();
        for (GgufTensorInfo t : tensors) m.put(t.name(), t);
        this.byName = Collections.unmodifiableMap(m);
    }

    /** Maps and parses {@code path}; every problem is a {@link GgufException} whose message names the file. */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            GgufHeader header = GgufHeader.parse(seg, path.getFileName().toString());
            return new GgufFile(path, arena, seg, header);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new GgufException("no such file: " + path);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    public List<GgufTensorInfo> tensors() {
        return tensors;
    }

    public boolean hasTensor(String name) {
        return byName.containsKey(name);
    }

    public GgufTensorInfo tensor(String name) throws GgufException {
        GgufTensorInfo t = byName.get(name);
        if (t == null) throw new GgufException(path.getFileName() + ": missing tensor " + name);
        return t;
    }

    /** Absolute file offset of the tensor data section. */
    public long dataOffset() {
        return dataOffset;
    }

    public int alignment() {
        return alignment;
    }

    public long size() {
        return file.byteSize();
    }

    /** The whole mapped file. */
    public MemorySegment segment() {
        return file;
    }

    /** A read-only view of one tensor's bytes (bounds were checked on open). */
    public MemorySegment data(GgufTensorInfo t) {
        return file.asSlice(dataOffset + t.offset(), t.byteSize()).asReadOnly();
    }

    public MemorySegment data(String name) throws GgufException {
        return data(tensor(name));
    }

    @Override
    public void close() {
        arena.close();
    }

    /** The parsed header: metadata, tensor table and where the data starts. */
    record GgufHeader(int version, GgufMetadata metadata, List<GgufTensorInfo> tensors, long dataOffset, int alignment) {

        static GgufHeader parse(MemorySegment seg, String name) throws GgufException {
            GgufReader r = new GgufReader(seg, name);
            int magic = r.i32("magic");
            if (magic != MAGIC) throw r.error(String.format("not a GGUF file (magic 0x%08x)", magic));
            int version = r.i32("version");
            if (version != 2 && version != 3) throw r.error("unsupported GGUF version " + version + " (A1 reads versions 2 and 3)");
            long tensorCount = r.count("tensor count", 8 + 4 + 8 + 4 + 8);
            long kvCount = r.count("metadata count", 8 + 4 + 1);
            Map<String, GgufValue> kv = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = r.string("metadata key");
                GgufValue value = r.value(key);
                if (kv.put(key, value) != null) throw r.error("duplicate metadata key " + key);
            }
            GgufMetadata metadata = new GgufMetadata(kv);
            int alignment = DEFAULT_ALIGNMENT;
            if (metadata.contains(ALIGNMENT_KEY)) {
                GgufValueType type = kv.get(ALIGNMENT_KEY).type();
                if (!type.isInteger()) throw r.error("alignment is a " + type + ", not an integer");
                long a = metadata.getLong(ALIGNMENT_KEY);
                if (a <= 0 || a > (1 << 20) || Long.bitCount(a) != 1) throw r.error("alignment " + a + " is not a power of two");
                alignment = (int) a;
            }
            List<GgufTensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 1 << 16));
            java.util.Set<String> names = new java.util.HashSet<>();
            for (long i = 0; i < tensorCount; i++) {
                GgufTensorInfo t = r.tensorInfo();
                if (!names.add(t.name())) throw r.error("duplicate tensor " + t.name());
                if (t.offset() % alignment != 0) throw r.error("tensor " + t.name() + " offset " + t.offset() + " is not aligned to " + alignment);
                tensors.add(t);
            }
            long dataOffset = align(r.position(), alignment);
            for (GgufTensorInfo t : tensors) {
                long end = dataOffset + t.offset() + t.byteSize();
                if (end > seg.byteSize() || end < 0) {
                    throw r.error("truncated: tensor " + t.name() + " ends at byte " + end + " but the file has " + seg.byteSize());
                }
            }
            return new GgufHeader(version, metadata, List.copyOf(tensors), tensors.isEmpty() ? Math.min(dataOffset, seg.byteSize()) : dataOffset, alignment);
        }
    }

    static long align(long offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
}
