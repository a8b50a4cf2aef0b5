package dev.scalecheck.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketOwnersTest {

    /** Rows as Linux writes /proc/net/tcp: a connection from local port 0xC8A2 (51362) to MariaDB on 0x8F1B (36635). */
    @Test
    void readsTheLocalPortAndTheInodeOfEachSocket() {
        Map<Integer, Long> inodes = new HashMap<>();
        SocketOwners.parse("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", inodes);
        SocketOwners.parse("   3: 0100007F:C8A2 0100007F:8F1B 01 00000000:00000000 00:00000000 00000000     0        0 4721183 1 "
                + "0000000000000000 20 4 30 10 -1", inodes);
        SocketOwners.parse("   4: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 0 1", inodes);
        assertThat(inodes).containsExactly(Map.entry(51362, 4721183L));
    }

    @Test
    void thisProcessOwnsItsOwnListeningSocket() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Long inode = SocketOwners.inodesByLocalPort().get(socket.getLocalPort());
            assertThat(inode).isNotNull();
            assertThat(SocketOwners.socketsOf(ProcessHandle.current().pid())).contains(inode);
        }
    }
}
