package a1.swarm;

import a1.spec.manifest.ShardEntry;

/** Callbacks of a running fetch, called from the fetching thread. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    default void progress(FetchProgress p) {}

    /** {@code shard} matched its SHA-256 and is now in the output folder. */
    default void shardVerified(ShardEntry shard) {}

    /** A peer sent data that failed a piece hash and is banned for this torrent. */
    default void peerBanned(String peer, String reason) {}
}
