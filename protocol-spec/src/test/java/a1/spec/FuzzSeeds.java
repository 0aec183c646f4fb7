package a1.spec;

import a1.spec.bencode.BDict;
import a1.spec.bencode.BInt;
import a1.spec.bencode.BList;
import a1.spec.bencode.BString;
import a1.spec.bencode.Bencode;
import a1.spec.gguf.GgmlType;
import a1.spec.gguf.GgufFile;
import a1.spec.gguf.GgufValue;
import a1.spec.gguf.GgufValueType;
import a1.spec.gguf.GgufWriter;
import a1.spec.gossip.Announcement;
import a1.spec.gossip.AnnouncementCodec;
import a1.spec.manifest.ManifestCodec;
import a1.spec.manifest.Manifests;
import a1.spec.manifest.TorrentInfo;
import a1.spec.model.LayerRange;
import a1.spec.sign.SignedManifest;
import a1.spec.sign.SigningKey;
import a1.spec.wire.Activations;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.spec.wire.ErrorCode;
import a1.spec.wire.Message;
import a1.spec.wire.WireCodec;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the seed corpora of this module's fuzz targets with the project's own writers, so every seed is a valid
 * input the fuzzer mutates from. Run from the module directory when a format changes:
 * {@code java -cp target/classes:target/test-classes:<deps> a1.spec.FuzzSeeds src/test/resources}.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).resolve("a1/spec");
        SigningKey key = SigningKey.fromSeed(new byte[32]);

        Path bencode = root.resolve("bencode/BencodeFuzzTestInputs/decodesCanonicalOrRefuses");
        write(bencode, "dict", Bencode.encode(BDict.of(Map.of("a", new BInt(-42), "b", new BList(List.of(BString.utf8("spam"), new BInt(0)))))));
        Path shard = Files.createTempFile("shard", ".bin");
        Files.write(shard, new byte[100]);
        write(bencode, "torrent", TorrentInfo.build("tiny", TorrentInfo.MIN_PIECE, List.of(shard)).metainfo());
        Files.delete(shard);

        Path gguf = root.resolve("gguf/GgufFuzzTestInputs/parsesOrRefuses");
        Files.createDirectories(gguf);
        new GgufWriter().metadata("general.architecture", GgufValue.ofString("llama"))
                .metadata("tokenizer.ggml.tokens", GgufValue.ofArray(GgufValueType.STRING, List.of("a", "b")))
                .metadata("tokenizer.ggml.scores", GgufValue.ofArray(GgufValueType.FLOAT32, List.of(0.5f, -1f)))
                .write(gguf.resolve("vocab-only"));
        new GgufWriter().metadata("general.alignment", GgufValue.ofUInt32(64))
                .metadata("llama.block_count", GgufValue.ofUInt32(1))
                .metadata("general.flag", GgufValue.ofBool(true))
                .tensor("f32", GgmlType.F32, new long[] {4, 2}, MemorySegment.ofArray(new byte[32]))
                .tensor("q8", GgmlType.Q8_0, new long[] {32}, MemorySegment.ofArray(new byte[34]))
                .write(gguf.resolve("tensors"));

        // Hand-made: GgufWriter itself refuses a non-integer alignment.
        byte[] alignmentKey = "general.alignment".getBytes(StandardCharsets.US_ASCII);
        write(gguf, "string-alignment", ByteBuffer.allocate(4 + 4 + 8 + 8 + 8 + alignmentKey.length + 4 + 8 + 2).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(GgufFile.MAGIC).putInt(3).putLong(0).putLong(1).putLong(alignmentKey.length).put(alignmentKey)
                .putInt(GgufValueType.STRING.id()).putLong(2).put((byte) '6').put((byte) '4').array());

        byte[] manifest = ManifestCodec.encode(Manifests.tiny(key.publicKey()));
        write(root.resolve("manifest/ManifestCodecFuzzTestInputs/decodesCanonicalOrRefuses"), "tiny", manifest);
        write(root.resolve("sign/SignedManifestFuzzTestInputs/verifiesOrRefuses"), "tiny",
                SignedManifest.sign(Manifests.tiny(key.publicKey()), key).encode());

        Path wire = root.resolve("wire/WireCodecFuzzTestInputs/decodesOrRefuses");
        float[] x = {1.5f, -2.25f, 3e-8f, 65504f};
        List<Message> messages = List.of(new Message.Hello(key.publicKey(), new byte[32]), new Message.Proof(key.sign(new byte[1])),
                new Message.Open(7, "sha256:00ff", new LayerRange(2, 4), 128, Encoding.F32, CacheType.F16), new Message.Opened(7),
                new Message.Forward(7, 0, new Activations(Encoding.F32, 1, 4, x)), new Message.Result(7, 3, new Activations(Encoding.F16, 2, 2, x)),
                new Message.Forward(7, 1, new Activations(Encoding.BF16, 4, 1, x)), new Message.Close(7),
                new Message.Error(7, ErrorCode.BUSY, "too many sessions"), new Message.Gossip(List.of(new byte[] {1, 2, 3})));
        for (Message m : messages) write(wire, m.type().name().toLowerCase() + "-" + messages.indexOf(m), WireCodec.encode(m));

        write(root.resolve("gossip/AnnouncementCodecFuzzTestInputs/decodesOrRefuses"), "signed", AnnouncementCodec.encode(
                Announcement.sign(key.publicKey(), "127.0.0.1", 4242, "sha256:00ff", new LayerRange(2, 4), 12.5f, 3, 17, 1_800_000_000_000L, key::sign)));
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
