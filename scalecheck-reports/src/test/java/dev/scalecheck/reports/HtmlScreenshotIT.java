package dev.scalecheck.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened from file:// in headless Chromium (Debian's package) and screenshotted
 * to PNG: the picture must show one timeline lane per replica. Skipped with the reason when no
 * Chromium is installed, unless SCALECHECK_REQUIRE_BROWSER=1 (CI).
 */
class HtmlScreenshotIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theScreenshotShowsOneLanePerReplica() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            String reason = CHROMIUM + " is not installed (apt-get install chromium)";
            if ("1".equals(System.getenv("SCALECHECK_REQUIRE_BROWSER"))) {
                fail(reason + " (SCALECHECK_REQUIRE_BROWSER=1)");
            }
            Assumptions.abort(reason);
        }
        Path html = dir.resolve("report.html");
        try (Writer out = Files.newBufferedWriter(html)) {
            new HtmlRenderer().render(Reports.serialLock(), out);
        }
        Path png = dir.resolve("report.png");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1100,1400", "--screenshot=" + png, html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            fail("chromium did not finish within 90 s: " + Files.readString(dir.resolve("chromium.log")));
        }
        assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).exists();
        Path kept = Path.of("target", "report-screenshot.png");
        Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(laneKeys(ImageIO.read(png.toFile()))).as("lanes seen in %s", kept.toAbsolutePath()).isEqualTo(4);
    }

    /** Counts the vertical runs of rows holding the lane-key colour near the left edge. */
    private static int laneKeys(BufferedImage image) {
        int key = Integer.parseInt(HtmlRenderer.LANE_KEY_COLOUR.substring(1), 16);
        int runs = 0;
        boolean inside = false;
        for (int y = 0; y < image.getHeight(); y++) {
            boolean found = false;
            for (int x = 0; x < Math.min(200, image.getWidth()) && !found; x++) {
                found = close(image.getRGB(x, y) & 0xFFFFFF, key);
            }
            if (found && !inside) {
                runs++;
            }
            inside = found;
        }
        return runs;
    }

    private static boolean close(int rgb, int key) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((key >> shift) & 0xFF)) > 12) {
                return false;
            }
        }
        return true;
    }
}
