package a1.swarm.bt;

import a1.swarm.SwarmSession;
import a1.swarm.SwarmStatus;
import bt.data.DataDescriptor;
import bt.metainfo.TorrentFile;
import bt.metainfo.TorrentId;
import bt.net.IPeerConnectionPool;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.torrent.TorrentSessionState;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A running Bt client for one torrent, reporting through {@link SwarmStatus}. */
final class BtSession implements SwarmSession {
    private final BtRuntime runtime;
    private final BtClient client;
    private final JobStorage storage;
    private final TorrentId torrentId;
    private final int port;
    private final Connections connections;
    private final Set<String> complete = new HashSet<>();
    private Map<String, BitSet> piecesOfFile;
    private volatile TorrentSessionState state;
    private volatile CompletableFuture<?> run;

    BtSession(BtRuntime runtime, BtClient client, JobStorage storage, TorrentId torrentId, int port, Connections connections) {
        this.runtime = runtime;
        this.client = client;
        this.storage = storage;
        this.torrentId = torrentId;
        this.port = port;
        this.connections = connections;
    }

    void start() {
        connections.attach(runtime.service(IPeerConnectionPool.class), torrentId);
        run = client.startAsync(s -> state = s, 200);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized SwarmStatus status() {
        TorrentSessionState s = state;
        Optional<String> failure = Optional.empty();
        CompletableFuture<?> r = run;
        if (r != null && r.isCompletedExceptionally()) {
            try {
                r.join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                failure = Optional.of(String.valueOf(cause.getMessage()));
            }
        }
        runtime.service(TorrentRegistry.class).getDescriptor(torrentId).map(TorrentDescriptor::getDataDescriptor).ifPresent(this::updateComplete);
        return new SwarmStatus(s == null ? 0 : s.getDownloaded(), s == null ? 0 : s.getUploaded(),
                s == null ? 0 : s.getConnectedPeers().size(), complete, failure);
    }

    /** Adds the files whose every piece is verified; each file's piece set is computed once. */
    private void updateComplete(DataDescriptor data) {
        if (data == null) return;
        if (piecesOfFile == null) {
            piecesOfFile = new HashMap<>();
            Set<TorrentFile> files = new HashSet<>();
            for (int p = 0; p < data.getChunkDescriptors().size(); p++) files.addAll(data.getFilesForPiece(p));
            for (TorrentFile f : files) piecesOfFile.put(f.getPathElements().getLast(), data.getAllPiecesForFiles(Set.of(f)));
        }
        BitSet verified = data.getBitfield().getBitmask();
        piecesOfFile.forEach((name, pieces) -> {
            if (complete.contains(name)) return;
            BitSet missing = (BitSet) pieces.clone();
            missing.andNot(verified);
            if (missing.isEmpty()) complete.add(name);
        });
    }

    @Override
    public void close() {
        try {
            client.stop();
        } finally {
            runtime.shutdown();
            storage.close();
        }
    }
}
