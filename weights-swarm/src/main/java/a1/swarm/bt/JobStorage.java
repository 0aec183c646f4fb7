package a1.swarm.bt;

import a1.swarm.SwarmJob;
import bt.data.Storage;
import bt.data.StorageUnit;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Puts each torrent file where the job says. A torrent whose layout differs from the manifest's (another piece
 * length, a file the job does not know) is an error: trusted pieces are computed from the manifest's layout.
 */
final class JobStorage implements Storage {
    private final Map<String, SwarmJob.File> files;
    private final List<FileUnit> opened = new ArrayList<>();
    private final long pieceLength;

    JobStorage(List<SwarmJob.File> files, long pieceLength) {
        this.pieceLength = pieceLength;
        this.files = files.stream().collect(Collectors.toMap(SwarmJob.File::name, Function.identity()));
    }

    @Override
    public synchronized StorageUnit getUnit(Torrent torrent, TorrentFile file) {
        if (torrent.getChunkSize() != pieceLength) throw new IllegalStateException("torrent piece length " + torrent.getChunkSize() + " is not the manifest's " + pieceLength);
        List<String> path = file.getPathElements();
        SwarmJob.File f = path.size() == 1 ? files.get(path.getFirst()) : null;
        if (f == null || f.size() != file.getSize()) throw new IllegalStateException("torrent file " + path + " (" + file.getSize() + " bytes) is not a shard of the manifest");
        FileUnit unit = new FileUnit(f.path(), f.size(), f.verified());
        opened.add(unit);
        return unit;
    }

    @Override
    public void flush() {
        // every write goes straight to its FileChannel; durability is forced when A1 verifies a shard
    }

    synchronized void close() {
        for (FileUnit u : opened) {
            try {
                u.close();
            } catch (IOException e) {
                // closing a file we only read or wrote through the page cache; nothing to recover
            }
        }
        opened.clear();
    }
}
