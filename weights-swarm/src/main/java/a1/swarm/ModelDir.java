package a1.swarm;

import a1.spec.Digests;
import a1.spec.bencode.BDict;
import a1.spec.bencode.Bencode;
import a1.spec.bencode.BencodeException;
import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ModelId;
import a1.spec.manifest.ModelManifest;
import a1.spec.manifest.ShardEntry;
import a1.spec.sign.SignedManifest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model folder (SPEC.md, "Model folder"): {@value #MANIFEST} (the signed manifest), optionally {@value #TORRENT},
 * the shard files that passed their SHA-256 and nothing else at the top level, and A1's state in {@code .a1/}:
 * the verified-shard record and {@code parts/}, where shards being downloaded live until they verify.
 */
public final class ModelDir {
    public static final String MANIFEST = "manifest.a1";
    public static final String TORRENT = "model.torrent";
    static final String STATE = ".a1";

    private final Path dir;
    private final SignedManifest signed;
    private final VerifiedShards verified;

    private ModelDir(Path dir, SignedManifest signed) throws IOException {
        this.dir = dir;
        this.signed = signed;
        Files.createDirectories(dir.resolve(STATE).resolve("parts"));
        this.verified = VerifiedShards.load(dir.resolve(STATE).resolve("verified"), signed.modelId());
    }

    /** Opens a folder and checks its manifest's signature. */
    public static ModelDir open(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw notAModelFolder(dir);
        }
        try {
            return new ModelDir(dir, SignedManifest.decode(bytes));
        } catch (ManifestException e) {
            throw new ManifestException(file + ": " + e.getMessage());
        }
    }

    /**
     * Holds {@code dir} ({@link FolderLock}), which must already be a model folder: one that is not fails first and is
     * left as it was.
     */
    static FolderLock hold(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) throw notAModelFolder(dir);
        return FolderLock.acquire(dir);
    }

    private static ManifestException notAModelFolder(Path dir) {
        return new ManifestException(dir + " is not an A1 model folder (no " + MANIFEST + ")");
    }

    /** Opens {@code dir}, first writing {@code signed} there if it has no manifest; refuses a different model. */
    public static ModelDir create(Path dir, SignedManifest signed) throws IOException {
        Files.createDirectories(dir);
        Path manifest = dir.resolve(MANIFEST);
        if (Files.exists(manifest)) {
            ModelDir existing = open(dir);
            if (!existing.id().equals(signed.modelId())) throw new ManifestException(dir + " already holds model " + existing.id() + ", not " + signed.modelId());
            return existing;
        }
        writeAtomically(manifest, signed.encode());
        return new ModelDir(dir, signed);
    }

    /** Where a model lives in a store of models: {@code <store>/<model id>}. */
    public static Path inStore(Path store, ModelId id) {
        return store.resolve(id.hex());
    }

    public Path dir() {
        return dir;
    }

    public SignedManifest signed() {
        return signed;
    }

    public ModelManifest manifest() {
        return signed.manifest();
    }

    public ModelId id() {
        return signed.modelId();
    }

    public VerifiedShards verified() {
        return verified;
    }

    public Path shardPath(ShardEntry s) {
        return dir.resolve(s.file());
    }

    Path partPath(ShardEntry s) {
        return dir.resolve(STATE).resolve("parts").resolve(s.file());
    }

    /**
     * The kept .torrent file, only if it is canonical and its info dictionary hashes to the manifest's info-hash;
     * otherwise empty, and the info dictionary is fetched from peers (BEP 9, which checks the hash).
     */
    public Optional<byte[]> metainfo() throws IOException {
        Path t = dir.resolve(TORRENT);
        if (!Files.isRegularFile(t) || Files.size(t) > (64 << 20)) return Optional.empty();
        byte[] bytes = Files.readAllBytes(t);
        try {
            if (Bencode.decode(bytes) instanceof BDict d && d.entries().size() == 1 && d.get("info") instanceof BDict info
                    && Arrays.equals(Digests.sha1(Bencode.encode(info)), manifest().infoHash().bytes())) {
                return Optional.of(bytes);
            }
        } catch (BencodeException e) {
            // not a torrent A1 wrote; fall through
        }
        return Optional.empty();
    }

    public void saveMetainfo(byte[] metainfo) throws IOException {
        if (!Files.exists(dir.resolve(TORRENT))) writeAtomically(dir.resolve(TORRENT), metainfo);
    }

    /**
     * Brings the record in line with the folder: a recorded shard whose file is gone or has the wrong size is
     * dropped; a shard file present but not recorded (copied in by hand) is hashed once and recorded if it matches.
     */
    public void reconcile() throws IOException {
        for (ShardEntry s : manifest().shards()) {
            Path p = shardPath(s);
            boolean ok = Files.isRegularFile(p) && Files.size(p) == s.size();
            if (verified.contains(s) && !ok) verified.remove(s.file());
            if (!verified.contains(s) && ok && Arrays.equals(Digests.sha256(p), s.sha256())) verified.add(s);
        }
    }

    /**
     * Checks a downloaded part against the manifest; when it matches, makes it durable, links it into the folder and
     * records it. Returns false (and changes nothing) when its SHA-256 does not match.
     */
    boolean promote(ShardEntry s) throws IOException {
        Path part = partPath(s);
        if (!Files.isRegularFile(part) || Files.size(part) != s.size()) return false;
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        if (!Arrays.equals(Digests.sha256(part), s.sha256())) return false;
        Path target = shardPath(s);
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, part);
        } catch (UnsupportedOperationException | IOException e) {
            Path tmp = dir.resolve(STATE).resolve(s.file() + ".copy");
            Files.copy(part, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        VerifiedShards.fsyncDirectory(dir);
        verified.add(s);
        return true;
    }

    /** The torrent's files for a session: verified shards read in place, the rest in {@code .a1/parts}. */
    List<SwarmJob.File> jobFiles(Set<String> wanted) {
        List<SwarmJob.File> files = new ArrayList<>();
        for (ShardEntry s : manifest().shards()) {
            boolean ok = verified.contains(s);
            files.add(new SwarmJob.File(s.file(), s.size(), ok ? shardPath(s) : partPath(s), ok, !ok && wanted.contains(s.file())));
        }
        return files;
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        VerifiedShards.fsyncDirectory(target.getParent());
    }
}
