package a1.spec.manifest;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The canonical manifest encoding (SPEC.md, "Manifest encoding"): one bencoded dictionary with sorted keys.
 * {@link #decode} accepts exactly the bytes {@link #encode} would produce for the value it returns, so the model id
 * (SHA-256 of these bytes) has one spelling per manifest.
 */
public final class ManifestCodec {
    /** Manifests are small (a few hundred bytes per shard); anything bigger is refused before parsing. */
    public static final int MAX_BYTES = 4 << 20;

    private ManifestCodec() {}

    public static byte[] encode(ModelManifest m) {
        Map<String, Object> d = Bencode.dict();
        ModelInfo i = m.info();
        d.put("a1", (long) ModelManifest.FORMAT_VERSION);
        d.put("name", i.name());
        d.put("architecture", i.architecture());
        d.put("layer_count", (long) i.layerCount());
        d.put("embedding_length", (long) i.embeddingLength());
        d.put("feed_forward_length", (long) i.feedForwardLength());
        d.put("head_count", (long) i.headCount());
        d.put("head_count_kv", (long) i.headCountKv());
        d.put("context_length", (long) i.contextLength());
        d.put("vocab_size", (long) i.vocabSize());
        d.put("file_size", m.fileSize());
        d.put("file_sha256", m.fileSha256());
        d.put("torrent_name", m.torrentName());
        d.put("piece_length", m.pieceLength());
        d.put("info_hash", m.infoHash().bytes());
        d.put("publisher", m.publisher());
        List<Object> shards = new ArrayList<>();
        for (ShardEntry s : m.shards()) {
            Map<String, Object> sd = Bencode.dict();
            sd.put("role", s.role().wireName());
            if (s.role() == ShardRole.LAYER) sd.put("layer", (long) s.layer());
            sd.put("file", s.file());
            sd.put("size", s.size());
            sd.put("sha256", s.sha256());
            List<Object> extents = new ArrayList<>();
            for (ShardExtent e : s.extents()) extents.add(List.of(e.offset(), e.length()));
            sd.put("extents", extents);
            shards.add(sd);
        }
        d.put("shards", shards);
        return Bencode.encode(d);
    }

    public static ModelManifest decode(byte[] bytes) throws ManifestException {
        if (bytes.length > MAX_BYTES) throw new ManifestException("manifest is " + bytes.length + " bytes, the limit is " + MAX_BYTES);
        ModelManifest m;
        try {
            Map<String, Object> d = dict(Bencode.decode(bytes), "manifest");
            long version = integer(d, "a1", 1, Integer.MAX_VALUE);
            if (version != ModelManifest.FORMAT_VERSION) throw new ManifestException("manifest format version " + version + " is not supported (this build reads " + ModelManifest.FORMAT_VERSION + ")");
            ModelInfo info = new ModelInfo(string(d, "name"), string(d, "architecture"), dim(d, "layer_count"), dim(d, "embedding_length"),
                    dim(d, "feed_forward_length"), dim(d, "head_count"), dim(d, "head_count_kv"), dim(d, "context_length"), dim(d, "vocab_size"));
            List<ShardEntry> shards = new ArrayList<>();
            for (Object o : list(d, "shards")) shards.add(shard(dict(o, "shard " + shards.size())));
            m = new ModelManifest(info, integer(d, "file_size", 0, Long.MAX_VALUE), bytes(d, "file_sha256", 32), string(d, "torrent_name"),
                    integer(d, "piece_length", 1, 1L << 30), new InfoHash(bytes(d, "info_hash", 20)), bytes(d, "publisher", 32), shards);
        } catch (BencodeException e) {
            throw new ManifestException("manifest is not canonical bencode: " + e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ManifestException("invalid manifest: " + e.getMessage());
        }
        if (!Arrays.equals(encode(m), bytes)) throw new ManifestException("manifest has fields this version does not know or is not in canonical form");
        return m;
    }

    private static ShardEntry shard(Map<String, Object> d) throws ManifestException {
        String roleName = string(d, "role");
        ShardRole role = ShardRole.fromWireName(roleName).orElseThrow(() -> new ManifestException("unknown shard role '" + roleName + "'"));
        int layer = role == ShardRole.LAYER ? (int) integer(d, "layer", 0, 1 << 20) : -1;
        List<ShardExtent> extents = new ArrayList<>();
        for (Object o : list(d, "extents")) {
            if (!(o instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Long off) || !(pair.get(1) instanceof Long len)) {
                throw new ManifestException("shard extent must be a list of two integers");
            }
            extents.add(new ShardExtent(off, len));
        }
        return new ShardEntry(role, layer, string(d, "file"), integer(d, "size", 0, Long.MAX_VALUE), bytes(d, "sha256", 32), extents);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dict(Object o, String what) throws ManifestException {
        if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new ManifestException(what + " must be a dictionary");
    }

    private static List<?> list(Map<String, Object> d, String key) throws ManifestException {
        if (get(d, key) instanceof List<?> l) return l;
        throw new ManifestException("manifest field '" + key + "' must be a list");
    }

    private static Object get(Map<String, Object> d, String key) throws ManifestException {
        Object v = d.get(key);
        if (v == null) throw new ManifestException("manifest field '" + key + "' is missing");
        return v;
    }

    private static long integer(Map<String, Object> d, String key, long min, long max) throws ManifestException {
        if (get(d, key) instanceof Long n && n >= min && n <= max) return n;
        throw new ManifestException("manifest field '" + key + "' must be an integer in [" + min + ", " + max + "]");
    }

    private static int dim(Map<String, Object> d, String key) throws ManifestException {
        return (int) integer(d, key, 0, Integer.MAX_VALUE);
    }

    private static byte[] bytes(Map<String, Object> d, String key, int length) throws ManifestException {
        if (get(d, key) instanceof byte[] b && b.length == length) return b;
        throw new ManifestException("manifest field '" + key + "' must be " + length + " bytes");
    }

    private static String string(Map<String, Object> d, String key) throws ManifestException {
        if (!(get(d, key) instanceof byte[] b) || b.length > 1024) throw new ManifestException("manifest field '" + key + "' must be a string of at most 1024 bytes");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException("manifest field '" + key + "' is not valid UTF-8");
        }
    }
}
