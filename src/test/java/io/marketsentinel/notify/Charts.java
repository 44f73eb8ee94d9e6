package io.marketsentinel.notify;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A real (tiny) PNG for the channel tests, so that what a stand-in receives can be compared byte for byte. */
public final class Charts {

    private Charts() {
    }

    public static Chart sample() {
        BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 2, 0x1f4e99);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chart("market-drawdown.png", out.toByteArray());
    }
}
