package a1.spec.manifest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        if (pieceLength <= 0 || pieceLength > MAX_PIECE) throw new IllegalArgumentException("piece length " + pieceLength);
        MessageDigest sha1 = sha1();
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        List<Object> fileList = new ArrayList<>();
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
                    length += n;
                    inPiece += n;
                    if (inPiece == pieceLength) {
                        pieces.writeBytes(sha1.digest());
                        inPiece = 0;
                    }
                }
            }
            Map<String, Object> entry = Bencode.dict();
            entry.put("length", length);
            entry.put("path", List.of(f.getFileName().toString()));
            fileList.add(entry);
        }
        if (inPiece > 0) pieces.writeBytes(sha1.digest());
        Map<String, Object> info = Bencode.dict();
        info.put("files", fileList);
        info.put("name", name);
        info.put("piece length", pieceLength);
        info.put("pieces", pieces.toByteArray());
        byte[] dict = Bencode.encode(info);
        return new TorrentInfo(dict, new InfoHash(sha1().digest(dict)));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-1", e);
        }
    }
}
