package a1.spec.manifest;

import a1.spec.bencode.BDict;
import a1.spec.bencode.BInt;
import a1.spec.bencode.BList;
import a1.spec.bencode.BString;
import a1.spec.bencode.BValue;
import a1.spec.bencode.Bencode;
import a1.spec.bencode.BencodeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

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
        SortedMap<String, BValue> d = new TreeMap<>();
        ModelInfo i = m.info();
        d.put("a1", new BInt(ModelManifest.FORMAT_VERSION));
        d.put("name", BString.utf8(i.name()));
        d.put("architecture", BString.utf8(i.architecture()));
        d.put("layer_count", new BInt(i.layerCount()));
        d.put("embedding_length", new BInt(i.embeddingLength()));
        d.put("feed_forward_length", new BInt(i.feedForwardLength()));
        d.put("head_count", new BInt(i.headCount()));
        d.put("head_count_kv", new BInt(i.headCountKv()));
        d.put("context_length", new BInt(i.contextLength()));
        d.put("vocab_size", new BInt(i.vocabSize()));
        d.put("file_size", new BInt(m.fileSize()));
        d.put("file_sha256", new BString(m.fileSha256()));
        d.put("torrent_name", BString.utf8(m.torrentName()));
        d.put("piece_length", new BInt(m.pieceLength()));
        d.put("info_hash", new BString(m.infoHash().bytes()));
        d.put("publisher", new BString(m.publisher()));
        List<BValue> shards = new ArrayList<>();
        for (ShardEntry s : m.shards()) {
            SortedMap<String, BValue> sd = new TreeMap<>();
            sd.put("role", BString.utf8(s.role().wireName()));
            if (s.role() == ShardRole.LAYER) sd.put("layer", new BInt(s.layer()));
            sd.put("file", BString.utf8(s.file()));
            sd.put("size", new BInt(s.size()));
            sd.put("sha256", new BString(s.sha256()));
            List<BValue> extents = new ArrayList<>();
            for (ShardExtent e : s.extents()) extents.add(new BList(List.of(new BInt(e.offset()), new BInt(e.length()))));
            sd.put("extents", new BList(extents));
            shards.add(new BDict(sd));
        }
        d.put("shards", new BList(shards));
        return Bencode.encode(new BDict(d));
    }

    public static ModelManifest decode(byte[] bytes) throws ManifestException {
        if (bytes.length > MAX_BYTES) throw new ManifestException("manifest is " + bytes.length + " bytes, the limit is " + MAX_BYTES);
        ModelManifest m;
        try {
            BDict d = dict(Bencode.decode(bytes), "manifest");
            long version = integer(d, "a1", 1, Integer.MAX_VALUE);
            if (version != ModelManifest.FORMAT_VERSION) throw new ManifestException("manifest format version " + version + " is not supported (this build reads " + ModelManifest.FORMAT_VERSION + ")");
            ModelInfo info = new ModelInfo(string(d, "name"), string(d, "architecture"), dim(d, "layer_count"), dim(d, "embedding_length"),
                    dim(d, "feed_forward_length"), dim(d, "head_count"), dim(d, "head_count_kv"), dim(d, "context_length"), dim(d, "vocab_size"));
            List<ShardEntry> shards = new ArrayList<>();
            for (BValue v : list(d, "shards")) shards.add(shard(dict(v, "shard " + shards.size())));
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

    private static ShardEntry shard(BDict d) throws ManifestException {
        String roleName = string(d, "role");
        ShardRole role = ShardRole.fromWireName(roleName).orElseThrow(() -> new ManifestException("unknown shard role '" + roleName + "'"));
        int layer = role == ShardRole.LAYER ? (int) integer(d, "layer", 0, 1 << 20) : -1;
        List<ShardExtent> extents = new ArrayList<>();
        for (BValue v : list(d, "extents")) {
            if (!(v instanceof BList(List<BValue> pair)) || pair.size() != 2 || !(pair.get(0) instanceof BInt(long off)) || !(pair.get(1) instanceof BInt(long len))) {
                throw new ManifestException("shard extent must be a list of two integers");
            }
            extents.add(new ShardExtent(off, len));
        }
        return new ShardEntry(role, layer, string(d, "file"), integer(d, "size", 0, Long.MAX_VALUE), bytes(d, "sha256", 32), extents);
    }

    private static BDict dict(BValue v, String what) throws ManifestException {
        if (v instanceof BDict d) return d;
        throw new ManifestException(what + " must be a dictionary");
    }

    private static List<BValue> list(BDict d, String key) throws ManifestException {
        if (get(d, key) instanceof BList(List<BValue> items)) return items;
        throw new ManifestException("manifest field '" + key + "' must be a list");
    }

    private static BValue get(BDict d, String key) throws ManifestException {
        BValue v = d.get(key);
        if (v == null) throw new ManifestException("manifest field '" + key + "' is missing");
        return v;
    }

    private static long integer(BDict d, String key, long min, long max) throws ManifestException {
        if (get(d, key) instanceof BInt(long n) && n >= min && n <= max) return n;
        throw new ManifestException("manifest field '" + key + "' must be an integer in [" + min + ", " + max + "]");
    }

    private static int dim(BDict d, String key) throws ManifestException {
        return (int) integer(d, key, 0, Integer.MAX_VALUE);
    }

    private static byte[] bytes(BDict d, String key, int length) throws ManifestException {
        if (get(d, key) instanceof BString b && b.length() == length) return b.bytes();
        throw new ManifestException("manifest field '" + key + "' must be " + length + " bytes");
    }

    private static String string(BDict d, String key) throws ManifestException {
        if (!(get(d, key) instanceof BString b) || b.length() > 1024) throw new ManifestException("manifest field '" + key + "' must be a string of at most 1024 bytes");
        try {
            return b.utf8();
        } catch (BencodeException e) {
            throw new ManifestException("manifest field '" + key + "' is not valid UTF-8");
        }
    }
}
