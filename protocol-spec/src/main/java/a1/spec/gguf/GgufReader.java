package a1.spec.gguf;

import a1.spec.Utf8;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounds-checked little-endian cursor over a GGUF header. Every length read from the file is checked against the
 * bytes that remain before anything is allocated, so a hostile header cannot make the reader allocate more memory
 * than the file is long, nor read past its end.
 */
final class GgufReader {
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_ARRAY_DEPTH = 4;

    private final MemorySegment seg;
    private final String name;
    private long pos;

    GgufReader(MemorySegment seg, String name) {
        this.seg = seg;
        this.name = name;
    }

    long position() {
        return pos;
    }

    GgufException error(String what) {
        return new GgufException(name + ": " + what);
    }

    private void need(long n, String what) throws GgufException {
        if (n < 0 || n > seg.byteSize() - pos) {
            throw error("truncated: " + what + " at byte " + pos + " needs " + n + " bytes, file has " + seg.byteSize());
        }
    }

    int i32(String what) throws GgufException {
        need(4, what);
        int v = seg.get(I32, pos);
        pos += 4;
        return v;
    }

    long i64(String what) throws GgufException {
        need(8, what);
        long v = seg.get(I64, pos);
        pos += 8;
        return v;
    }

    /** A u64 element count whose elements take at least {@code minBytesEach} of the remaining bytes. */
    long count(String what, int minBytesEach) throws GgufException {
        long n = i64(what);
        if (n < 0 || n > (seg.byteSize() - pos) / minBytesEach) throw error(what + " " + Long.toUnsignedString(n) + " is larger than the file allows");
        return n;
    }

    String string(String what) throws GgufException {
        long len = i64(what + " length");
        need(len, what);
        if (len > Integer.MAX_VALUE - 8) throw error(what + " is too long");
        byte[] bytes = seg.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
        pos += len;
        try {
            return Utf8.strict(java.nio.ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw error(what + " is not valid UTF-8");
        }
    }

    GgufValue value(String key) throws GgufException {
        int typeId = i32("type of " + key);
        GgufValueType type = GgufValueType.fromId(typeId).orElseThrow(() -> error("metadata " + key + " has unknown value type " + typeId));
        return new GgufValue(type, scalarOrArray(type, key, 0));
    }

    private Object scalarOrArray(GgufValueType type, String key, int depth) throws GgufException {
        if (type != GgufValueType.ARRAY) return scalar(type, key);
        if (depth >= MAX_ARRAY_DEPTH) throw error("metadata " + key + " nests arrays too deeply");
        int elemId = i32("array type of " + key);
        GgufValueType elem = GgufValueType.fromId(elemId).orElseThrow(() -> error("metadata " + key + " has unknown array type " + elemId));
        long n = count("array length of " + key, elem.fixedSize() > 0 ? elem.fixedSize() : (elem == GgufValueType.STRING ? 8 : 12));
        List<Object> items = new ArrayList<>((int) Math.min(n, 1 << 20));
        for (long i = 0; i < n; i++) items.add(scalarOrArray(elem, key, depth + 1));
        return new GgufValue.GgufArray(elem, items);
    }

    private Object scalar(GgufValueType type, String key) throws GgufException {
        if (type == GgufValueType.STRING) return string("value of " + key);
        need(type.fixedSize(), "value of " + key);
        Object v = switch (type) {
            case UINT8 -> (long) (seg.get(ValueLayout.JAVA_BYTE, pos) & 0xff);
            case INT8 -> (long) seg.get(ValueLayout.JAVA_BYTE, pos);
            case UINT16 -> (long) (seg.get(I16, pos) & 0xffff);
            case INT16 -> (long) seg.get(I16, pos);
            case UINT32 -> seg.get(I32, pos) & 0xffffffffL;
            case INT32 -> (long) seg.get(I32, pos);
            case UINT64, INT64 -> seg.get(I64, pos);
            case FLOAT32 -> seg.get(F32, pos);
            case FLOAT64 -> seg.get(F64, pos);
            case BOOL -> {
                byte b = seg.get(ValueLayout.JAVA_BYTE, pos);
                if (b != 0 && b != 1) throw error("metadata " + key + " has bool value " + b);
                yield b == 1;
            }
            case STRING, ARRAY -> throw new AssertionError(type);
        };
        pos += type.fixedSize();
        return v;
    }

    GgufTensorInfo tensorInfo() throws GgufException {
        String tname = string("tensor name");
        int nDims = i32("dimension count of " + tname);
        if (nDims < 1 || nDims > GgufTensorInfo.MAX_DIMS) throw error("tensor " + tname + " has " + nDims + " dimensions");
        long[] dims = new long[nDims];
        for (int d = 0; d < nDims; d++) dims[d] = i64("dimension of " + tname);
        int typeId = i32("type of " + tname);
        GgmlType type = GgmlType.fromId(typeId).orElseThrow(() -> error("tensor " + tname + " has unsupported type id " + typeId));
        long offset = i64("offset of " + tname);
        try {
            return new GgufTensorInfo(tname, type, dims, offset);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw error(e.getMessage() != null ? e.getMessage() : "tensor " + tname + " is too large");
        }
    }
}
