package a1.swarm;

import a1.spec.manifest.ManifestException;
import a1.spec.manifest.ModelId;
import a1.spec.manifest.ShardEntry;
import a1.spec.sign.SignedManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fetches the shards a caller wants from the swarm into a model folder. Bt checks each piece's SHA-1; each shard is
 * then checked against the manifest's SHA-256 before it appears in the folder and is recorded as verified, so a
 * restarted fetch (even after kill -9) trusts what was verified and downloads only the rest.
 */
public final class Fetcher {
    private static final long POLL_MILLIS = 200;

    private final SwarmBackend backend;
    private final Discovery discovery;
    private final SwarmOptions options;

    public Fetcher(SwarmBackend backend, Discovery discovery, SwarmOptions options) {
        this.backend = backend;
        this.discovery = discovery;
        this.options = options;
    }

    /** Resolves the model's signed manifest through discovery (unless {@code outDir} already has it), then fetches. */
    public FetchResult fetch(ModelId id, ShardSelection selection, Path outDir, ProgressListener listener) throws IOException {
        try (FolderLock lock = FolderLock.acquire(Files.createDirectories(outDir))) {
            if (Files.exists(outDir.resolve(ModelDir.MANIFEST))) {
                ModelDir md = ModelDir.open(outDir);
                if (md.id().equals(id)) return fetch(md, selection, listener);
            }
            byte[] bytes = discovery.resolveManifest(id).orElseThrow(() -> new ManifestException("no manifest found for model " + id));
            return fetch(ModelDir.create(outDir, SignedManifest.decode(bytes, id)), selection, listener);
        }
    }

    public FetchResult fetch(SignedManifest manifest, ShardSelection selection, Path outDir, ProgressListener listener) throws IOException {
        try (FolderLock lock = FolderLock.acquire(Files.createDirectories(outDir))) {
            return fetch(ModelDir.create(outDir, manifest), selection, listener);
        }
    }

    /** Fetches into {@code md}, whose folder the caller holds ({@link FolderLock}). */
    private FetchResult fetch(ModelDir md, ShardSelection selection, ProgressListener listener) throws IOException {
        md.reconcile();
        List<ShardEntry> wanted = selection.select(md.manifest());
        List<ShardEntry> pending = new ArrayList<>(wanted.stream().filter(s -> !md.verified().contains(s)).toList());
        List<String> banned = Collections.synchronizedList(new ArrayList<>());
        if (pending.isEmpty()) return new FetchResult(md, wanted, 0, List.of());
        Set<String> pendingNames = pending.stream().map(ShardEntry::file).collect(Collectors.toSet());
        SwarmJob job = new SwarmJob(md.manifest().infoHash(), md.metainfo(), md.manifest().pieceLength(), md.jobFiles(pendingNames),
                discovery, options, new SwarmJob.Events() {
                    @Override
                    public void peerBanned(String peer, String reason) {
                        banned.add(peer);
                        listener.peerBanned(peer, reason);
                    }

                    @Override
                    public void torrentInfo(byte[] infoDict) {
                        try {
                            md.saveMetainfo(metainfo(infoDict));
                        } catch (IOException e) {
                            // only a cache for later seeding; the fetch itself does not need it
                        }
                    }
                });
        long wantedBytes = wanted.stream().mapToLong(ShardEntry::size).sum();
        try (SwarmSession session = backend.open(job)) {
            RateMeter meter = new RateMeter();
            long lastReceived = -1, lastChange = System.nanoTime();
            while (!pending.isEmpty()) {
                SwarmStatus st = session.status();
                if (st.failure().isPresent()) throw new IOException("fetch of " + md.id() + " failed: " + st.failure().get());
                for (ShardEntry s : List.copyOf(pending)) {
                    if (!st.completeFiles().contains(s.file())) continue;
                    if (!md.promote(s)) {
                        throw new ManifestException("shard " + s.file() + " (" + s.label() + ") passed every piece hash but not its manifest SHA-256: the torrent does not match the manifest");
                    }
                    pending.remove(s);
                    listener.shardVerified(s);
                }
                long now = System.nanoTime();
                if (st.received() != lastReceived) {
                    lastReceived = st.received();
                    lastChange = now;
                } else if (Duration.ofNanos(now - lastChange).compareTo(options.stallTimeout()) > 0) {
                    throw new IOException("fetch of " + md.id() + " stalled: no data for " + options.stallTimeout().toSeconds() + " s from " + st.peers() + " peers");
                }
                long verifiedBytes = wanted.stream().filter(md.verified()::contains).mapToLong(ShardEntry::size).sum();
                double rate = meter.update(st.received(), now);
                long left = wantedBytes - verifiedBytes;
                listener.progress(new FetchProgress(verifiedBytes, wantedBytes, st.received(), rate, st.peers(), wanted.size() - pending.size(),
                        wanted.size(), rate > 0 ? Optional.of(Duration.ofMillis((long) (left / rate * 1000))) : Optional.empty()));
                if (!pending.isEmpty()) sleep();
            }
            return new FetchResult(md, wanted, session.status().received(), List.copyOf(banned));
        }
    }

    /** A .torrent file around an info dictionary. */
    static byte[] metainfo(byte[] infoDict) {
        byte[] head = "d4:info".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + infoDict.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(infoDict, 0, out, head.length, infoDict.length);
        out[out.length - 1] = 'e';
        return out;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("fetch interrupted");
        }
    }

    /** Receive rate smoothed over about two seconds. */
    private static final class RateMeter {
        private long lastBytes = -1, lastNanos;
        private double rate;

        double update(long bytes, long nanos) {
            if (lastBytes >= 0 && nanos > lastNanos) {
                double instant = (bytes - lastBytes) * 1e9 / (nanos - lastNanos);
                rate = rate == 0 ? instant : 0.9 * rate + 0.1 * instant;
            }
            lastBytes = bytes;
            lastNanos = nanos;
            return rate;
        }
    }
}
