package a1.swarm.bt;

import bt.data.StorageUnit;
import bt.net.buffer.ByteBufferView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One torrent file at a path A1 chose. A read-only unit serves a verified shard and silently drops writes: Bt may
 * rewrite a piece that straddles a verified shard and an incomplete one, and the verified bytes must not change
 * (the piece hash is then checked against the unchanged, correct bytes).
 */
final class FileUnit implements StorageUnit {
    private final Path path;
    private final long capacity;
    private final boolean readOnly;
    private FileChannel channel;

    FileUnit(Path path, long capacity, boolean readOnly) {
        this.path = path;
        this.capacity = capacity;
        this.readOnly = readOnly;
    }

    private synchronized FileChannel channel(boolean forWrite) throws IOException {
        if (channel == null) {
            if (!forWrite && !Files.exists(path)) return null;
            channel = readOnly ? FileChannel.open(path, StandardOpenOption.READ)
                    : FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    private void check(long offset, int length) {
        if (offset < 0 || offset > capacity - length) throw new IllegalArgumentException(path.getFileName() + ": block [" + offset + ", +" + length + ") is outside the file");
    }

    @Override
    public int readBlock(ByteBuffer buffer, long offset) {
        check(offset, buffer.remaining());
        try {
            FileChannel ch = channel(false);
            return ch == null ? -1 : ch.read(buffer, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public int writeBlock(ByteBuffer buffer, long offset) {
        return write(buffer.remaining(), offset, () -> buffer.position(buffer.limit()), ch -> ch.write(buffer, offset));
    }

    @Override
    public int writeBlock(ByteBufferView buffer, long offset) {
        return write(buffer.remaining(), offset, () -> buffer.position(buffer.limit()), ch -> buffer.transferTo(ch, offset));
    }

    private interface ChannelWrite {
        int to(FileChannel channel) throws IOException;
    }

    /** A read-only unit consumes the bytes without writing them ({@code skip}). */
    private int write(int length, long offset, Runnable skip, ChannelWrite write) {
        check(offset, length);
        if (readOnly) {
            skip.run();
            return length;
        }
        try {
            return write.to(channel(true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long size() {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) channel.close();
        channel = null;
    }
}
