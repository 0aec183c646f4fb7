"""libtorrent peer for A1 interop tests, loopback only (no DHT, LSD, UPnP, NAT-PMP).

  lt_peer.py fetch TORRENT SAVE_DIR PEER_PORT   download from the peer at 127.0.0.1:PEER_PORT, print DONE <bytes>
  lt_peer.py seed TORRENT SAVE_DIR              seed files under SAVE_DIR, print SEEDING <port>, run until killed
"""
import sys
import time

import libtorrent as lt


def session():
    return lt.session({
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        # Bt speaks TCP only; libtorrent would first try uTP and wait for it to time out.
        "enable_outgoing_utp": False, "enable_incoming_utp": False,
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
    })


def main():
    mode, torrent, save = sys.argv[1], sys.argv[2], sys.argv[3]
    ses = session()
    handle = ses.add_torrent({"ti": lt.torrent_info(torrent), "save_path": save})
    if mode == "fetch":
        handle.connect_peer(("127.0.0.1", int(sys.argv[4])))
        start = time.time()
        deadline = start + float(sys.argv[5]) if len(sys.argv) > 5 else start + 120
        while not handle.status().is_seeding:
            if time.time() > deadline:
                print("ERROR timeout: %r" % handle.status().state, flush=True)
                sys.exit(1)
            time.sleep(0.05)
        st = handle.status()
        print("DONE %d %.3f" % (st.total_wanted, time.time() - start), flush=True)
    else:
        handle.force_recheck()
        while not handle.status().is_seeding:
            time.sleep(0.05)
        print("SEEDING %d" % ses.listen_port(), flush=True)
        while True:
            time.sleep(1)


main()
