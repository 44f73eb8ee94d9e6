package io.marketsentinel.notify;

import java.util.Objects;

/**
 * A picture of what a notification is about, attached where a channel takes images (mail, Telegram,
 * Discord).
 *
 * @param fileName the attachment's name, e.g. {@code market-drawdown.png}
 * @param png      the image
 */
public record Chart(String fileName, byte[] png) {

    public Chart {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(png, "png");
    }

    /** What the report says of an attached chart. */
    public String describe() {
        return "attached " + fileName + " (" + Math.max(1, png.length / 1024) + " KB)";
    }
}
