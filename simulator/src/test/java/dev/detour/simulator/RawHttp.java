package dev.detour.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, read to the end of the connection, so tests can see what a
 * client library hides: chunk boundaries, a body shorter than its Content-Length, a missing response.
 */
record RawHttp(String head, byte[] body) {

    static RawHttp post(URI url, String json) {
        return exchange("POST", url, "Content-Type: application/json\r\n", json.getBytes(StandardCharsets.UTF_8));
    }

    static RawHttp get(URI url) {
        return exchange("GET", url, "", new byte[0]);
    }

    private static RawHttp exchange(String method, URI url, String headers, byte[] payload) {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            String request = method + " " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\n" + headers + "Content-Length: " + payload.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            byte[] all = readToEnd(socket.getInputStream());
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new RawHttp(text, new byte[0]);
            }
            byte[] body = new byte[all.length - end - 4];
            System.arraycopy(all, end + 4, body, 0, body.length);
            return new RawHttp(text.substring(0, end), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    boolean isChunked() {
        String encoding = header("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** The sizes of the chunks of a chunked body, the final zero-size chunk left out. */
    List<Integer> chunkSizes() {
        List<Integer> sizes = new ArrayList<>();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrlf(at);
            int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                break;
            }
            sizes.add(size);
            at = lineEnd + 2 + size + 2;
        }
        return sizes;
    }

    /** The body with chunked framing removed. */
    String decodedBody() {
        if (!isChunked()) {
            return new String(body, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrlf(at);
            int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Whether a chunked body ends with the terminating zero-size chunk. */
    boolean chunkedBodyIsComplete() {
        return new String(body, StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n");
    }

    private int indexOfCrlf(int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return body.length;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, read);
            }
        } catch (SocketException e) {
            // A dropped connection ends the response here, as it does for a client.
        }
        return all.toByteArray();
    }
}
