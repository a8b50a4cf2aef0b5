package dev.scalecheck.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A database session is traced to a replica by its client's host, the container's address on the project network. */
class ClientTracingTest {

    @Test
    void takesTheHostOfMariadbAndPostgresClientAddresses() {
        assertThat(ComposeDeployment.clientHost("172.18.0.5:41234")).isEqualTo("172.18.0.5");       // PROCESSLIST.HOST
        assertThat(ComposeDeployment.clientHost("172.18.0.5")).isEqualTo("172.18.0.5");             // a header with no port
        assertThat(ComposeDeployment.clientHost("172.18.0.5/32:41234")).isEqualTo("172.18.0.5");    // client_addr::text
        assertThat(ComposeDeployment.clientHost("fd00::5:41234")).isEqualTo("fd00::5");
    }
}
