package dev.scalecheck.local.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows a file a process writes, line by line, from a given offset until the process has ended
 * and the file is read to its end. A line longer than the limit is passed on cut, with how much
 * was left out; the file keeps it whole.
 */
final class LogTail {
    private final Thread thread;

    private LogTail(Thread thread) {
        this.thread = thread;
    }

    static LogTail follow(Path file, long offset, int maxLineBytes, Consumer<String> lines, Process writer, Duration poll) {
        Thread thread = new Thread(() -> run(file, offset, maxLineBytes, lines, writer, poll), "tail-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        return new LogTail(thread);
    }

    private static void run(Path file, long offset, int maxLineBytes, Consumer<String> lines, Process writer, Duration poll) {
        Line partial = new Line(maxLineBytes);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(offset);
            while (true) {
                boolean ended = !writer.isAlive();
                int read;
                while ((read = channel.read(buffer.clear())) > 0) {
                    byte[] bytes = buffer.array();
                    for (int i = 0; i < read; i++) {
                        if (bytes[i] == '\n') {
                            lines.accept(partial.take());
                        } else if (bytes[i] != '\r') {
                            partial.add(bytes[i]);
                        }
                    }
                }
                if (ended) {
                    if (!partial.isEmpty()) {
                        lines.accept(partial.take());
                    }
                    return;
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (IOException e) {
            lines.accept("[scalecheck: reading " + file + " failed: " + e.getMessage() + "]");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
    }

    /** The line being read: its first bytes up to the limit, and a count of the rest. */
    private static final class Line {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private long cut;

        Line(int limit) {
            this.limit = limit;
        }

        void add(byte b) {
            if (kept.size() < limit) {
                kept.write(b);
            } else {
                cut++;
            }
        }

        boolean isEmpty() {
            return kept.size() == 0 && cut == 0;
        }

        String take() {
            String text = kept.toString(StandardCharsets.UTF_8);
            if (cut > 0) {
                text += " [scalecheck: line cut, " + cut + " more bytes in the log file]";
            }
            kept.reset();
            cut = 0;
            return text;
        }
    }
}
