package a1.spec.manifest;

import a1.spec.Digests;
import a1.spec.bencode.BDict;
import a1.spec.bencode.BInt;
import a1.spec.bencode.BList;
import a1.spec.bencode.BString;
import a1.spec.bencode.BValue;
import a1.spec.bencode.Bencode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The BitTorrent v1 (BEP 3) multi-file info dictionary of a model's shards: files in manifest order, each a
 * single path element, no padding files, no private flag. It depends only on the torrent name, the piece length
 * and the shard files, so a publisher builds it before the manifest that records its info-hash.
 */
public record TorrentInfo(byte[] infoDict, InfoHash infoHash) {
    public static final long MIN_PIECE = 64 << 10;
    public static final long MAX_PIECE = 16 << 20;
    /** Pieces are sized so a model has at most about this many (fewer, larger pieces for bigger models). */
    public static final long TARGET_PIECES = 2048;

    public TorrentInfo {
        infoDict = infoDict.clone();
    }

    @Override
    public byte[] infoDict() {
        return infoDict.clone();
    }

    /** A .torrent file: {@code d4:info<info dict>e}, no announce URL (peers come from A1 discovery). */
    public byte[] metainfo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("d4:info".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(infoDict);
        out.write('e');
        return out.toByteArray();
    }

    /** The smallest power of two in [64 KiB, 16 MiB] that keeps the piece count near {@link #TARGET_PIECES}. */
    public static long pieceLengthFor(long totalBytes) {
        long p = MIN_PIECE;
        while (p < MAX_PIECE && totalBytes / p > TARGET_PIECES) p <<= 1;
        return p;
    }

    /** Hashes {@code files} (named by their file names) piece by piece; pieces run across file boundaries. */
    public static TorrentInfo build(String name, long pieceLength, List<Path> files) throws IOException {
        return build(name, pieceLength, files, n -> {});
    }

    /** As {@link #build(String, long, List)}, telling {@code hashed} each count of bytes hashed (for progress bars). */
    public static TorrentInfo build(String name, long pieceLength, List<Path> files, LongConsumer hashed) throws IOException {
        if (pieceLength <= 0 || pieceLength > MAX_PIECE) throw new IllegalArgumentException("piece length " + pieceLength);
        MessageDigest sha1 = Digests.newSha1();
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        List<BValue> fileList = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(pieceLength, 1 << 20));
        long inPiece = 0;
        for (Path f : files) {
            long length = 0;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                while (true) {
                    buf.clear().limit((int) Math.min(buf.capacity(), pieceLength - inPiece));
                    int n = ch.read(buf);
                    if (n < 0) break;
                    buf.flip();
                    sha1.update(buf);
                    hashed.accept(n);
                    length += n;
                    inPiece += n;
                    if (inPiece == pieceLength) {
                        pieces.writeBytes(sha1.digest());
                        inPiece = 0;
                    }
                }
            }
            fileList.add(BDict.of(Map.of("length", new BInt(length), "path", new BList(List.of(BString.utf8(f.getFileName().toString()))))));
        }
        if (inPiece > 0) pieces.writeBytes(sha1.digest());
        byte[] dict = Bencode.encode(BDict.of(Map.of("files", new BList(fileList), "name", BString.utf8(name), "piece length", new BInt(pieceLength),
                "pieces", new BString(pieces.toByteArray()))));
        return new TorrentInfo(dict, new InfoHash(Digests.sha1(dict)));
    }
}
