package a1.swarm;

import java.util.Optional;
import java.util.Set;

/**
 * What a session has done so far: bytes received and sent in this session, connected peers, the files whose every
 * piece passed its hash, and a failure that ended the session (e.g. a torrent that does not match the manifest).
 */
public record SwarmStatus(long received, long sent, int peers, Set<String> completeFiles, Optional<String> failure) {
    public SwarmStatus {
        completeFiles = Set.copyOf(completeFiles);
    }
}
