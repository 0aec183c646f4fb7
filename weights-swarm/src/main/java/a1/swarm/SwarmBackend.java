package a1.swarm;

import java.io.IOException;

/**
 * The BitTorrent engine behind A1, kept behind this interface so that only {@code a1.swarm.bt} knows Bt.
 * One session serves one torrent: it seeds every verified piece it has and downloads the wanted files.
 */
public interface SwarmBackend {
    SwarmSession open(SwarmJob job) throws IOException;
}
