package a1.swarm;

import a1.spec.manifest.InfoHash;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One torrent for a {@link SwarmBackend}: its info-hash, the .torrent bytes when known (else the info dictionary
 * is fetched from peers, BEP 9), the piece length and files in torrent order, and the swarm to use.
 */
public record SwarmJob(InfoHash infoHash, Optional<byte[]> metainfo, long pieceLength, List<File> files, Discovery discovery,
                       SwarmOptions options, Events events) {
    /**
     * One file of the torrent and where its bytes live. A {@code verified} file is trusted without re-hashing and
     * never written; a {@code wanted} file is downloaded.
     */
    public record File(String name, long size, Path path, boolean verified, boolean wanted) {}

    /** What a session reports as it runs; called from engine threads. */
    public interface Events {
        Events NONE = new Events() {};

        /** A peer sent data that failed a piece hash and is now banned from this torrent. */
        default void peerBanned(String peer, String reason) {}

        /** The info dictionary, once known (at once from a .torrent, or after BEP 9 from peers); its SHA-1 is the info-hash. */
        default void torrentInfo(byte[] infoDict) {}
    }

    public SwarmJob {
        files = List.copyOf(files);
    }
}
