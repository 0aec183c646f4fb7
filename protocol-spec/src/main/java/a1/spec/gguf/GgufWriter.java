package a1.spec.gguf;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF v3 files: metadata in insertion order, then the tensor table, then each tensor's bytes aligned.
 * Tensor bytes are streamed from their segments, so files larger than the heap can be written.
 */
public final class GgufWriter {
    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Pending> tensors = new ArrayList<>();

    private record Pending(String name, GgmlType type, long[] dims, MemorySegment data) {}

    public GgufWriter metadata(String key, GgufValue value) {
        metadata.put(key, value);
        return this;
    }

    public GgufWriter metadata(GgufMetadata all) {
        metadata.putAll(all.asMap());
        return this;
    }

    /** Adds a tensor; {@code data} must hold exactly its bytes in GGUF layout. */
    public GgufWriter tensor(String name, GgmlType type, long[] dims, MemorySegment data) {
        GgufTensorInfo probe = new GgufTensorInfo(name, type, dims, 0);
        if (data.byteSize() != probe.byteSize()) {
            throw new IllegalArgumentException("tensor " + name + " needs " + probe.byteSize() + " bytes, got " + data.byteSize());
        }
        tensors.add(new Pending(name, type, dims.clone(), data));
        return this;
    }

    private int alignment() {
        GgufValue a = metadata.get(GgufFile.ALIGNMENT_KEY);
        return a == null ? GgufFile.DEFAULT_ALIGNMENT : ((Long) a.value()).intValue();
    }

    public void write(Path path) throws IOException {
        int alignment = alignment();
        Buf header = new Buf();
        header.i32(GgufFile.MAGIC).i32(3).i64(tensors.size()).i64(metadata.size());
        for (var e : metadata.entrySet()) {
            header.string(e.getKey()).i32(e.getValue().type().id());
            header.value(e.getValue().type(), e.getValue().value());
        }
        long offset = 0;
        for (Pending t : tensors) {
            header.string(t.name).i32(t.dims.length);
            for (long d : t.dims) header.i64(d);
            header.i32(t.type.id()).i64(offset);
            offset = GgufFile.align(offset + t.data.byteSize(), alignment);
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long pos = header.writeTo(ch);
            if (tensors.isEmpty()) return; // vocab-only files end with the header, unpadded
            long dataStart = GgufFile.align(pos, alignment);
            pos = pad(ch, pos, dataStart);
            for (Pending t : tensors) {
                ByteBuffer bb = t.data.asByteBuffer();
                while (bb.hasRemaining()) pos += ch.write(bb);
                pos = pad(ch, pos, dataStart + GgufFile.align(pos - dataStart, alignment));
            }
        }
    }

    private static long pad(FileChannel ch, long pos, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) (to - pos));
        while (zeros.hasRemaining()) ch.write(zeros);
        return to;
    }

    /** A growable little-endian header buffer. */
    private static final class Buf {
        private ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private Buf ensure(int n) {
            if (bb.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(bb.capacity() * 2, bb.position() + n)).order(ByteOrder.LITTLE_ENDIAN);
                bb.flip();
                bigger.put(bb);
                bb = bigger;
            }
            return this;
        }

        Buf i32(int v) {
            ensure(4).bb.putInt(v);
            return this;
        }

        Buf i64(long v) {
            ensure(8).bb.putLong(v);
            return this;
        }

        Buf string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            ensure(b.length).bb.put(b);
            return this;
        }

        void value(GgufValueType type, Object v) {
            switch (type) {
                case UINT8, INT8 -> ensure(1).bb.put(((Long) v).byteValue());
                case BOOL -> ensure(1).bb.put((byte) ((Boolean) v ? 1 : 0));
                case UINT16, INT16 -> ensure(2).bb.putShort(((Long) v).shortValue());
                case UINT32, INT32 -> i32(((Long) v).intValue());
                case UINT64, INT64 -> i64((Long) v);
                case FLOAT32 -> ensure(4).bb.putFloat((Float) v);
                case FLOAT64 -> ensure(8).bb.putDouble((Double) v);
                case STRING -> string((String) v);
                case ARRAY -> {
                    GgufValue.GgufArray a = (GgufValue.GgufArray) v;
                    i32(a.elementType().id()).i64(a.items().size());
                    for (Object item : a.items()) value(a.elementType(), item);
                }
            }
        }

        long writeTo(FileChannel ch) throws IOException {
            bb.flip();
            long n = bb.remaining();
            while (bb.hasRemaining()) ch.write(bb);
            return n;
        }
    }
}
