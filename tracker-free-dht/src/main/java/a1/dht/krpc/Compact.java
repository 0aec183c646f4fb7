package a1.dht.krpc;

import a1.dht.id.NodeId;
import a1.dht.id.NodeInfo;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** BEP 5 compact formats: address+port (6 or 18 bytes) and id+address+port (26 or 38 bytes). */
public final class Compact {

    private Compact() {
    }

    public static byte[] address(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        byte[] out = Arrays.copyOf(ip, ip.length + 2);
        out[ip.length] = (byte) (a.getPort() >>> 8);
        out[ip.length + 1] = (byte) a.getPort();
        return out;
    }

    /** Parses a 6- or 18-byte compact address; null for any other length. */
    public static InetSocketAddress parseAddress(byte[] b) {
        if (b.length != 6 && b.length != 18) {
            return null;
        }
        return address(b, 0, b.length - 2);
    }

    public static byte[] nodes(List<NodeInfo> nodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nodes.size() * 26);
        for (NodeInfo n : nodes) {
            out.writeBytes(n.id().bytes());
            out.writeBytes(address(n.address()));
        }
        return out.toByteArray();
    }

    /** Splits concatenated compact node infos; ipLength is 4 or 16. Entries with port 0 are dropped. */
    public static List<NodeInfo> parseNodes(byte[] b, int ipLength) {
        int entry = NodeId.LENGTH + ipLength + 2;
        if (b.length % entry != 0) {
            throw new IllegalArgumentException("compact nodes length " + b.length + " is not a multiple of " + entry);
        }
        List<NodeInfo> out = new ArrayList<>(b.length / entry);
        for (int off = 0; off < b.length; off += entry) {
            InetSocketAddress a = address(b, off + NodeId.LENGTH, ipLength);
            if (a.getPort() != 0) {
                out.add(new NodeInfo(NodeId.of(Arrays.copyOfRange(b, off, off + NodeId.LENGTH)), a));
            }
        }
        return out;
    }

    private static InetSocketAddress address(byte[] b, int off, int ipLength) {
        try {
            InetAddress ip = InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + ipLength));
            int port = (b[off + ipLength] & 0xff) << 8 | b[off + ipLength + 1] & 0xff;
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + ipLength, e);
        }
    }
}
