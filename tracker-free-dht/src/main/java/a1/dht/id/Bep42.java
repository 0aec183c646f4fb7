package a1.dht.id;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32C;

/**
 * BEP 42 node-id restriction: the top 21 bits of a node id must match CRC32C of the masked IP
 * (with a 3-bit random r), and the last id byte carries r. Local and loopback addresses are exempt.
 */
public final class Bep42 {

    private static final byte[] V4_MASK = {0x03, 0x0f, 0x3f, (byte) 0xff};
    private static final byte[] V6_MASK = {0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, (byte) 0xff};

    private Bep42() {
    }

    /** CRC32C of the masked address with r in the top bits, as BEP 42 specifies. */
    static int prefixCrc(InetAddress ip, int r) {
        byte[] raw = ip.getAddress();
        byte[] mask = ip instanceof Inet4Address ? V4_MASK : V6_MASK;
        byte[] masked = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            masked[i] = (byte) (raw[i] & mask[i]);
        }
        masked[0] |= (byte) ((r & 7) << 5);
        CRC32C crc = new CRC32C();
        crc.update(masked);
        return (int) crc.getValue();
    }

    /** True when the id satisfies BEP 42 for this address (exempt addresses always do). */
    public static boolean isValid(NodeId id, InetAddress ip) {
        if (isExempt(ip)) {
            return true;
        }
        int r = id.byteAt(19) & 7;
        int crc = prefixCrc(ip, r);
        return id.byteAt(0) == (crc >>> 24 & 0xff)
                && id.byteAt(1) == (crc >>> 16 & 0xff)
                && (id.byteAt(2) & 0xf8) == (crc >>> 8 & 0xf8);
    }

    /** A fresh id valid for this external address. */
    public static NodeId generate(InetAddress ip, RandomGenerator random) {
        byte[] id = NodeId.random(random).bytes();
        int r = id[19] & 7;
        int crc = prefixCrc(ip, r);
        id[0] = (byte) (crc >>> 24);
        id[1] = (byte) (crc >>> 16);
        id[2] = (byte) ((crc >>> 8 & 0xf8) | (id[2] & 7));
        return NodeId.of(id);
    }

    /** Addresses BEP 42 exempts: private, link-local and loopback ranges. */
    public static boolean isExempt(InetAddress ip) {
        return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()
                || isUniqueLocalV6(ip);
    }

    private static boolean isUniqueLocalV6(InetAddress ip) {
        byte[] raw = ip.getAddress();
        return raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
    }
}
