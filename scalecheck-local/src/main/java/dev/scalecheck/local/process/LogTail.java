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

/** Follows a file a process writes, line by line, until the process has ended and the file is read to its end. */
final class LogTail {
    private final Thread thread;

    private LogTail(Thread thread) {
        this.thread = thread;
    }

    static LogTail follow(Path file, Consumer<String> lines, Process writer, Duration poll) {
        Thread thread = new Thread(() -> run(file, lines, writer, poll), "tail-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        return new LogTail(thread);
    }

    private static void run(Path file, Consumer<String> lines, Process writer, Duration poll) {
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                boolean ended = !writer.isAlive();
                int read;
                while ((read = channel.read(buffer.clear())) > 0) {
                    byte[] bytes = buffer.array();
                    for (int i = 0; i < read; i++) {
                        if (bytes[i] == '\n') {
                            lines.accept(partial.toString(StandardCharsets.UTF_8));
                            partial.reset();
                        } else if (bytes[i] != '\r') {
                            partial.write(bytes[i]);
                        }
                    }
                }
                if (ended) {
                    if (partial.size() > 0) {
                        lines.accept(partial.toString(StandardCharsets.UTF_8));
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
}
