package dev.scalecheck.core.database;

/**
 * One client session as the database lists it.
 *
 * @param id the database's connection id
 * @param user the account it logged in with
 * @param client the client's address as the server saw it, {@code host:port} (empty for a local socket)
 */
public record Session(long id, String user, String client) {

    /** The client's host, without the port. */
    public String clientHost() {
        int colon = client.lastIndexOf(':');
        return colon < 0 ? client : client.substring(0, colon);
    }

    /** The client's port, or -1 when the session came over a socket file. */
    public int clientPort() {
        int colon = client.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(client.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
