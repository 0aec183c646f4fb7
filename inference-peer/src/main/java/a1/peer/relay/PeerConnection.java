package a1.peer.relay;

import a1.spec.wire.Message;
import a1.spec.wire.WireCodec;
import a1.spec.wire.WireException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A client's authenticated connection to one serving peer, on a blocking TLS socket: {@link #call} writes a request
 * and reads its reply on the calling thread. A Netty client would hand the request to its I/O thread and the reply
 * back to the caller, two more thread wake-ups per hop, which on a loaded machine cost more than the bytes do.
 * Requests are answered in order; calls from several threads take turns. {@link Deadlines} ends a request (or the
 * handshake) that takes longer than its timeout.
 * A blocking socket cannot see that the peer closed it until it is used: a request on such a connection fails with
 * {@link ConnectionClosedException}.
 */
public final class PeerConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerConnection.class.getName());

    private final Socket tcp;
    private final SSLSocket tls;
    private final DataInputStream in;
    private final OutputStream out;
    private final InetSocketAddress address;
    private final long timeoutMillis;
    /** Held by the thread doing I/O: one request, and its reply, at a time. */
    private final ReentrantLock io = new ReentrantLock();
    private String peerId;
    private int maxPayload = FrameDecoder.HANDSHAKE_MAX_PAYLOAD;
    /** {@link System#nanoTime} by which the I/O in progress must end; 0 when none is in progress. */
    private volatile long deadline;
    private volatile boolean late;
    private volatile boolean closed;

    private PeerConnection(Socket tcp, SSLSocket tls, InetSocketAddress address, long timeoutMillis) throws IOException {
        this.tcp = tcp;
        this.tls = tls;
        this.in = new DataInputStream(tls.getInputStream());
        this.out = tls.getOutputStream();
        this.address = address;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Connects over TLS and completes the handshake; fails unless the peer proves the key of {@code expectedPeerId}
     * (hex), when one is given.
     */
    public static PeerConnection open(InetSocketAddress address, String expectedPeerId, PeerIdentity self, RelayConfig config,
                                      long requestTimeoutMillis) throws RelayException {
        Socket tcp = new Socket();
        PeerConnection c;
        try {
            tcp.setTcpNoDelay(true);
            tcp.connect(address, (int) config.handshakeTimeoutMillis());
            c = new PeerConnection(tcp, Tls.dialer(tcp, self, expectedPeerId), address, requestTimeoutMillis);
        } catch (IOException e) {
            closeQuietly(tcp);
            throw new RelayException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
        Deadlines.add(c);
        try {
            c.handshake(self, config);
        } catch (RelayException e) {
            c.close();
            throw e;
        }
        if (expectedPeerId != null && !expectedPeerId.equals(c.peerId)) {
            c.close();
            throw new RelayException("peer at " + address + " proved id " + c.peerId.substring(0, 8) + ", expected " + expectedPeerId.substring(0, Math.min(8, expectedPeerId.length())));
        }
        return c;
    }

    /** TLS, then the signed handshake ({@link PeerHandshake}); frames stay handshake-sized until the peer is proven. */
    private void handshake(PeerIdentity self, RelayConfig config) throws RelayException {
        deadline = System.nanoTime() + config.handshakeTimeoutMillis() * 1_000_000;
        try {
            tls.startHandshake();
            PeerHandshake h = new PeerHandshake(self);
            write(h.hello(TlsBinder.bound(tls.getSession())));
            for (Message reply; (reply = h.receive(read())) != null; ) write(reply);
            peerId = HexFormat.of().formatHex(h.remoteId());
            maxPayload = config.maxPayload();
        } catch (RelayException e) {
            LOG.log(System.Logger.Level.WARNING, "closing connection to " + address + ": " + e.getMessage());
            throw new RelayException("handshake with " + address + " failed: refused: " + e.getMessage(), e);
        } catch (IOException | CertificateException | WireException e) {
            throw new RelayException("handshake with " + address + " failed: " + (late ? "timed out" : why(e)), e);
        } finally {
            deadline = 0;
        }
    }

    private static String why(Exception e) {
        if (e instanceof EOFException) return "connection closed during the handshake";
        return e instanceof SSLException ? "TLS: " + TlsBinder.reason(e) : TlsBinder.reason(e);
    }

    public String peerId() {
        return peerId;
    }

    /** False once this side closed it or a request on it failed; a connection the peer closed looks open until used. */
    public boolean isOpen() {
        return !closed;
    }

    /** Sends {@code request} and returns the peer's reply (an {@link Message.Error} is returned, not thrown). */
    public Message call(Message request) throws RelayException {
        io.lock();
        try {
            if (closed) throw new RelayException("connection to peer " + peerId.substring(0, 8) + " is closed");
            deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            write(request);
            return read();
        } catch (IOException e) {
            close();
            if (late) throw new RelayException("peer " + peerId.substring(0, 8) + " did not answer " + request.type() + " within " + timeoutMillis + " ms");
            throw new ConnectionClosedException("peer " + peerId.substring(0, 8) + ": connection to " + address + " closed (" + TlsBinder.reason(e) + ")");
        } catch (WireException e) {
            close();
            throw new RelayException("peer " + peerId.substring(0, 8) + ": " + e.getMessage(), e);
        } finally {
            deadline = 0;
            io.unlock();
        }
    }

    /** Sends a message that has no reply; a failure closes the connection (the next call reports it). */
    public void send(Message m) {
        io.lock();
        try {
            if (closed) return;
            deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            write(m);
        } catch (IOException e) {
            close();
        } finally {
            deadline = 0;
            io.unlock();
        }
    }

    /** One frame in one write, so that it leaves in as few TLS records and segments as its size allows. */
    private void write(Message m) throws IOException {
        byte[] payload = WireCodec.encode(m);
        out.write(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
        out.flush();
    }

    private Message read() throws IOException {
        byte[] payload = new byte[FrameDecoder.checkLength(in.readInt(), maxPayload)];
        in.readFully(payload);
        return WireCodec.decode(payload);
    }

    /** Called by {@link Deadlines}: closes the socket under I/O that is past its deadline. */
    void expireIfLate(long now) {
        long d = deadline;
        if (d != 0 && now - d > 0) {
            late = true;
            closeQuietly(tcp);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Deadlines.remove(this);
        // Politely (TLS close_notify) unless another thread is blocked on the socket: then under it, which ends its I/O.
        if (io.tryLock()) {
            try {
                tls.close();
            } catch (IOException e) {
                closeQuietly(tcp);
            } finally {
                io.unlock();
            }
        } else {
            closeQuietly(tcp);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing a socket has nothing to report
        }
    }

    @Override
    public String toString() {
        return "connection to peer " + (peerId == null ? address : peerId.substring(0, 8));
    }
}
