package dev.scalecheck.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Test support: a POST /api/items whose body arrives in two parts, on a raw socket, so that it
 * is in flight (its handler reading the body) for as long as the test wants.
 */
final class SlowRequest implements AutoCloseable {
    private static final String BODY = "{\"name\":\"slow\"}";
    private final Socket socket;

    private SlowRequest(Socket socket) {
        this.socket = socket;
    }

    /** Sends the request line, the headers and the first half of the body. */
    static SlowRequest begin(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/items HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        return new SlowRequest(socket);
    }

    /**
     * Sends the rest of the body and reads the status line.
     *
     * @return the HTTP status, or empty when the connection ended without an answer
     */
    OptionalInt finish() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                status.append((char) c);
            }
            String line = status.toString();
            return line.startsWith("HTTP/1.1 ") ? OptionalInt.of(Integer.parseInt(line.substring(9, 12))) : OptionalInt.empty();
        } catch (IOException cut) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
